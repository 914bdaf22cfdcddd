package client

import (
	"context"
	"strconv"
)

// The lists a plan checks each runner against, remembered per scope for the client (one
// Terraform run), so that a plan of many runners reads each once. The data sources read the
// same endpoints without the memo: they show what GitHub has at the time of their read.

// ListCustomImagesOnce lists the custom image definitions, once per scope for the client.
func (c *Client) ListCustomImagesOnce(ctx context.Context, scope Scope) ([]CustomImage, error) {
	return memoized(ctx, c, "custom-images", scope, func(ctx context.Context) ([]CustomImage, error) {
		return c.ListCustomImages(ctx, scope)
	})
}

// ListCustomImageVersionsOnce lists the versions of custom image id, once per scope for the client.
func (c *Client) ListCustomImageVersionsOnce(ctx context.Context, scope Scope, id int64) ([]CustomImageVersion, error) {
	return memoized(ctx, c, "custom-image-versions/"+strconv.FormatInt(id, 10), scope, func(ctx context.Context) ([]CustomImageVersion, error) {
		return c.ListCustomImageVersions(ctx, scope, id)
	})
}

// GetLimitsOnce gets the static public IP limits, once per scope for the client.
func (c *Client) GetLimitsOnce(ctx context.Context, scope Scope) (*Limits, error) {
	list, err := memoized(ctx, c, "limits", scope, func(ctx context.Context) ([]Limits, error) {
		l, err := c.GetLimits(ctx, scope)
		if err != nil {
			return nil, err
		}
		return []Limits{*l}, nil
	})
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}
