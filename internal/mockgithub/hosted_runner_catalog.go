package mockgithub

import "net/http"

// The hosted runner catalog: custom images and their versions, GitHub-owned and partner
// images, machine sizes, platforms and limits.

// customImage returns the image of the path, or answers 404.
func (c *call) customImage() *customImage {
	img := c.scope.images[c.pathInt("image_definition_id")]
	if img == nil {
		c.notFound()
	}
	return img
}

func (m *Mock) listCustomImages(c *call) {
	images := m.customImagesOf(c.scope)
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int           `json:"total_count"`
		Images     []CustomImage `json:"images"`
	}{len(images), images})
}

func (m *Mock) getCustomImage(c *call) {
	if img := c.customImage(); img != nil {
		c.res.setJSON(http.StatusOK, img.view())
	}
}

func (m *Mock) deleteCustomImage(c *call) {
	if img := c.customImage(); img != nil {
		delete(c.scope.images, img.def.ID)
		c.res.status = http.StatusNoContent
	}
}

func (m *Mock) listCustomImageVersions(c *call) {
	if img := c.customImage(); img != nil {
		versions := img.sortedVersions()
		c.res.setJSON(http.StatusOK, struct {
			TotalCount    int                  `json:"total_count"`
			ImageVersions []CustomImageVersion `json:"image_versions"`
		}{len(versions), versions})
	}
}

func (m *Mock) getCustomImageVersion(c *call) {
	img := c.customImage()
	if img == nil {
		return
	}
	ver, ok := img.versions[c.r.PathValue("version")]
	if !ok {
		c.notFound()
		return
	}
	c.res.setJSON(http.StatusOK, ver)
}

func (m *Mock) deleteCustomImageVersion(c *call) {
	img := c.customImage()
	if img == nil {
		return
	}
	if _, ok := img.versions[c.r.PathValue("version")]; !ok {
		c.notFound()
		return
	}
	delete(img.versions, c.r.PathValue("version"))
	c.res.status = http.StatusNoContent
}

// setImages answers a curated image list.
func (c *call) setImages(images []curatedImage) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int            `json:"total_count"`
		Images     []curatedImage `json:"images"`
	}{len(images), images})
}

func (m *Mock) listGitHubImages(c *call) { c.setImages(githubImages) }

func (m *Mock) listPartnerImages(c *call) { c.setImages(partnerImages) }

func (m *Mock) getLimits(c *call) {
	type publicIPs struct {
		Maximum      int `json:"maximum"`
		CurrentUsage int `json:"current_usage"`
	}
	c.res.setJSON(http.StatusOK, struct {
		PublicIPs publicIPs `json:"public_ips"`
	}{publicIPs{publicIPMaximum, c.scope.publicIPUsage(m.cfg.PublicIPBaseUsage)}})
}

func (m *Mock) listMachineSizes(c *call) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount   int           `json:"total_count"`
		MachineSpecs []machineSpec `json:"machine_specs"`
	}{len(machineSpecs), machineSpecs})
}

func (m *Mock) listPlatforms(c *call) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int      `json:"total_count"`
		Platforms  []string `json:"platforms"`
	}{len(platforms), platforms})
}
