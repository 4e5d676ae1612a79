#!/usr/bin/env bash
# The test command (README). On a fresh Debian machine it installs what the tests need, then runs every test.
#   PostgreSQL server binaries (throwaway instances per test run), Debian's chromium (browser tests, driven by
#   Playwright without a browser download), DejaVu fonts (PDFs), Node.js/npm (the build installs the SignalR
#   JavaScript client from npm), kubectl (the deploy tests render deploy/k8s with `kubectl kustomize`; Debian's
#   kubernetes-client, whose older kustomize the manifests are written for), then `dotnet test` on the solution.
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_packages+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || need_packages+=(nodejs npm)
command -v kubectl >/dev/null 2>&1 || need_packages+=(kubernetes-client)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_packages[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  # The Debian package starts a cluster of its own; the tests start their own throwaway instances instead.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _; do $SUDO pg_ctlcluster "$version" "$name" stop 2>/dev/null || true; done
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Kasse.Orleans.sln -c Release -warnaserror
# Style is part of the build contract: the tree stays `dotnet format` clean.
dotnet format Kasse.Orleans.sln --verify-no-changes --no-restore
log=$(mktemp)
status=0
dotnet test Kasse.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line for CI: "N passed, N failed" summed over the test assemblies.
awk '/^[[:space:]]+Passed: [0-9]+$/ { p += $2 } /^[[:space:]]+Failed: [0-9]+$/ { f += $2 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
