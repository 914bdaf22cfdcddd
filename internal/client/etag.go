package client

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// etagCacheMaxEntries bounds the cached GET answers of one client (one Terraform run).
const etagCacheMaxEntries = 4096

// etagCache is a RoundTripper that makes every GET conditional: it remembers the ETag and
// body of each 200 answer, keyed by URL and credential identity, sends If-None-Match on the
// next GET of that URL, and turns GitHub's bodyless 304 back into the remembered 200 (with the
// 304's fresh headers over the remembered ones, so Link and the rate-limit headers stay
// right). A 304 does not count against GitHub's primary rate limit, which makes polling an
// unchanged page cheap.
//
// It never serves a value older than the client's own writes: any POST, PATCH, PUT or DELETE
// under an /orgs/{org} or /enterprises/{enterprise} path drops every remembered answer of that
// scope, before the write is sent and again once it is answered, and a GET that was in flight
// across a write is not remembered.
type etagCache struct {
	next http.RoundTripper
	log  *maskingLogger

	mu      sync.Mutex
	entries map[string]*etagEntry
	gens    map[string]uint64 // scope key → count of writes seen
}

// etagEntry is one remembered 200 answer.
type etagEntry struct {
	scope  string
	etag   string
	header http.Header
	body   []byte
}

// newETagCache wraps next (which must add the credentials, or sit above the layer that does,
// with the same credentials for every request).
func newETagCache(next http.RoundTripper, log *maskingLogger) *etagCache {
	return &etagCache{next: next, log: log, entries: map[string]*etagEntry{}, gens: map[string]uint64{}}
}

func (c *etagCache) RoundTrip(req *http.Request) (*http.Response, error) {
	scope := scopeKeyOfPath(req.URL.EscapedPath())
	if req.Method != http.MethodGet {
		if isWrite(req.Method) && scope != "" {
			c.invalidate(scope)
			defer c.invalidate(scope)
		}
		return c.next.RoundTrip(req)
	}
	if req.Header.Get("If-None-Match") != "" || req.Header.Get("Range") != "" {
		return c.next.RoundTrip(req)
	}
	key := credentialIdentity(req) + " " + req.URL.String()

	c.mu.Lock()
	gen := c.gens[scope]
	cached := c.entries[key]
	c.mu.Unlock()

	out := req
	if cached != nil {
		out = req.Clone(req.Context())
		out.Header.Set("If-None-Match", cached.etag)
	}
	resp, err := c.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		c.log.log(req.Context(), LevelDebug, "GitHub answered 304 Not Modified; using the remembered body", map[string]any{
			"path": pathOf(req.URL), "etag": cached.etag,
		})
		return cached.response(req, resp.Header), nil
	case resp.StatusCode == http.StatusOK && resp.Header.Get("ETag") != "":
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		c.store(key, gen, &etagEntry{scope: scope, etag: resp.Header.Get("ETag"), header: resp.Header.Clone(), body: body})
	}
	return resp, nil
}

// store remembers e under key unless a write to its scope happened since gen was read.
func (c *etagCache) store(key string, gen uint64, e *etagEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gens[e.scope] != gen {
		return
	}
	if _, ok := c.entries[key]; !ok && len(c.entries) >= etagCacheMaxEntries {
		for k := range c.entries { // evict an arbitrary entry
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = e
}

// invalidate forgets every remembered answer under scope.
func (c *etagCache) invalidate(scope string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gens[scope]++
	for k, e := range c.entries {
		if e.scope == scope {
			delete(c.entries, k)
		}
	}
}

// response rebuilds the remembered 200 for req, with the 304's headers over the remembered ones.
func (e *etagEntry) response(req *http.Request, fresh http.Header) *http.Response {
	h := e.header.Clone()
	for k, v := range fresh {
		h[k] = append([]string(nil), v...)
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(e.body)),
		ContentLength: int64(len(e.body)),
		Request:       req,
	}
}

// credentialIdentity names who a request is sent as, without keeping the credential: a hash
// of its Authorization header.
func credentialIdentity(req *http.Request) string {
	sum := sha256.Sum256([]byte(req.Header.Get("Authorization")))
	return hex.EncodeToString(sum[:8])
}

// scopeKeyOfPath returns the Key of the scope a path is under, or "" for a path under none.
func scopeKeyOfPath(p string) string {
	segs := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 3)
	if len(segs) < 2 {
		return ""
	}
	name, err := url.PathUnescape(segs[1])
	if err != nil {
		return ""
	}
	scope, err := ParseScope(segs[0], name)
	if err != nil {
		return ""
	}
	return scope.Key()
}
