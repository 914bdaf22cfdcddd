package provider

import (
	"fmt"
	"strings"
)

// scopeArg is the argument that puts a block in sc, as `organization = "acme"`.
func scopeArg(sc scopeCase) string {
	return fmt.Sprintf("%s = %q", sc.attr, sc.owner)
}

// hclBlock renders `header { ... }`; each argument starts a new line of its body, indented two spaces.
func hclBlock(header string, lines ...string) string {
	var b strings.Builder
	b.WriteString("\n" + header + " {\n")
	for _, l := range lines {
		b.WriteString("  " + strings.TrimSuffix(l, "\n") + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// dataBlock renders data source typ called name in sc, with lines after the scope argument.
func dataBlock(typ, name string, sc scopeCase, lines ...string) string {
	return hclBlock(fmt.Sprintf("data %q %q", typ, name), append([]string{scopeArg(sc)}, lines...)...)
}

// resourceBlock renders resource typ called name in sc, with lines after the scope argument.
func resourceBlock(typ, name string, sc scopeCase, lines ...string) string {
	return hclBlock(fmt.Sprintf("resource %q %q", typ, name), append([]string{scopeArg(sc)}, lines...)...)
}

// importBlock renders an import of id into the resource at address to.
func importBlock(to, id string) string {
	return hclBlock("import", "to = "+to, fmt.Sprintf("id = %q", id))
}

// providerBlock renders the provider block with lines as its arguments.
func providerBlock(lines ...string) string {
	return hclBlock(`provider "githubactions"`, lines...)
}

// requiredProviders is the terraform block of a root module that the CLI runs.
const requiredProviders = `terraform {
  required_providers {
    githubactions = { source = "runnerforge/githubactions" }
  }
}
`

// envProviderHead starts a root module whose provider takes base_url and token from the
// environment (GITHUB_BASE_URL, GITHUB_TOKEN).
var envProviderHead = requiredProviders + providerBlock("write_delay_ms = 0")

// movedBlock renders a moved block from one resource address to another.
func movedBlock(from, to string) string {
	return hclBlock("moved", "from = "+from, "to   = "+to)
}
