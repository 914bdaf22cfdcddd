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

# dev_overrides runs the freshly built provider; the filesystem mirror lets `terraform init`
# find the provider without reaching the Registry.
platform="$(go env GOOS)_$(go env GOARCH)"
mirror="$work/mirror/registry.terraform.io/runnerforge/githubactions/0.1.0/$platform"
mkdir -p "$mirror"
cp "$bin/terraform-provider-githubactions" "$mirror/terraform-provider-githubactions_v0.1.0"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/runnerforge/githubactions" = "$bin"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/runnerforge/githubactions"]
  }
  direct {
    exclude = ["registry.terraform.io/runnerforge/githubactions"]
  }
}
RC
cp "$root"/examples/demo/*.tf "$work/"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export GITHUB_BASE_URL=$(cat "$work/url")
export GITHUB_TOKEN="$token"
tf() { "$bin/terraform" -chdir="$work" "$@"; }

echo "== mock GitHub at $GITHUB_BASE_URL"
echo "== terraform init"
tf init -input=false -no-color >"$work/init.txt" 2>&1 || { cat "$work/init.txt"; exit 1; }
grep -E "Terraform has been successfully initialized" "$work/init.txt"
echo "== terraform apply (waits until the runner is Ready)"
tf apply -input=false -auto-approve
echo "== outputs"
tf output
echo "== second plan (expect no changes)"
set +e
tf plan -input=false -detailed-exitcode >"$work/plan.txt" 2>&1
code=$?
set -e
if [ $code -ne 0 ]; then
  cat "$work/plan.txt"
  echo "FAIL: the second plan is not empty (exit code $code)"
  exit 1
fi
grep -E "No changes" "$work/plan.txt"
echo "== terraform destroy (waits until GitHub has deleted the runner)"
tf destroy -input=false -auto-approve
echo "== demo finished"
