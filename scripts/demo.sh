#!/usr/bin/env bash
# make demo: the provider against the built-in mock GitHub, from init to destroy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
work="$root/.tmp/demo"
rm -rf "$work" && mkdir -p "$work"

go build -o "$bin/mockgithub" "$root/cmd/mockgithub"
token="ghp_demoTokenForTheMockOnly0000000000"
"$bin/mockgithub" -token "$token" -url-file "$work/url" -provision-delay 3s -delete-delay 2s >"$work/mock.log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { echo "the mock GitHub did not start:"; cat "$work/mock.log"; exit 1; }

# The CLI: TF=terraform (default) or TF=tofu, from bin/, or a path.
cli="${TF:-terraform}"
[[ "$cli" == */* ]] || cli="$bin/$cli"
[ -x "$cli" ] || { echo "no CLI at $cli: run make tools, or set TF to a terraform or tofu binary"; exit 1; }
name=$(basename "$cli")

# A filesystem mirror, the only installation method, holds the freshly built provider under
# both registry hosts (OpenTofu resolves runnerforge/githubactions on registry.opentofu.org):
# init installs it as it would from a registry, with no dev_overrides warning, and never
# reaches a registry.
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$work/mirror"
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
platform="$(go env GOOS)_$(go env GOARCH)"
for host in registry.terraform.io registry.opentofu.org; do
  mirror="$work/mirror/$host/runnerforge/githubactions/0.1.0/$platform"
  mkdir -p "$mirror"
  cp "$bin/terraform-provider-githubactions" "$mirror/terraform-provider-githubactions_v0.1.0"
done
# The lock file a user commits, with the provider's h1: hash (Go's dirhash of the package
# directory), so that init records no new checksums and prints no warning about them.
sum=$(cd "$mirror" && sha256sum terraform-provider-githubactions_v0.1.0)
h1="h1:$(printf '%s\n' "$sum" | sha256sum | cut -c1-64 | xxd -r -p | base64)"
host=registry.terraform.io
if "$cli" version | grep -q OpenTofu; then host=registry.opentofu.org; fi
printf 'provider "%s/runnerforge/githubactions" {\n  version     = "0.1.0"\n  constraints = "~> 0.1"\n  hashes      = ["%s"]\n}\n' \
  "$host" "$h1" >"$work/.terraform.lock.hcl"
cp "$root"/examples/demo/*.tf "$work/"
export GITHUB_BASE_URL=$(cat "$work/url")
export GITHUB_TOKEN="$token"
export CHECKPOINT_DISABLE=1
# tf runs the CLI, shows its output and fails on any warning: the demo's output is clean.
tf() {
  local out="$work/last.txt" code=0
  "$cli" -chdir="$work" "$@" 2>&1 | tee "$out" || code=$?
  if grep -q "Warning:" "$out"; then
    echo "FAIL: $name $1 printed a warning"
    exit 1
  fi
  return $code
}

echo "== mock GitHub at $GITHUB_BASE_URL, $("$cli" version | head -n1)"
echo "== $name init"
tf init -input=false >/dev/null || { cat "$work/last.txt"; exit 1; }
grep -E "has been successfully initialized" "$work/last.txt"
echo "== $name apply (waits until the runner is Ready)"
tf apply -input=false -auto-approve
echo "== outputs"
tf output
echo "== second plan (expect no changes)"
code=0
tf plan -input=false -detailed-exitcode >/dev/null || code=$?
if [ $code -ne 0 ]; then
  cat "$work/last.txt"
  echo "FAIL: the second plan is not empty (exit code $code)"
  exit 1
fi
grep -E "No changes" "$work/last.txt"
echo "== $name destroy (waits until GitHub has deleted the runner)"
tf destroy -input=false -auto-approve
echo "== demo finished"
