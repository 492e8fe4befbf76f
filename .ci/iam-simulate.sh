#!/usr/bin/env bash
# Installs @cloud-copilot/iam-simulate (an IAM policy evaluator on Node.js, written independently of this project)
# for the policy tests in tests/KeyRotation.Lambda.Tests/Security, into the folder they look in:
# ${XDG_CACHE_HOME:-$HOME/.cache}/keyrotation/iam-simulate (outside the repository).
# AGPL-3.0: a test-time tool only. It is never referenced by, bundled with or shipped in KeyRotation.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail

dir="${XDG_CACHE_HOME:-$HOME/.cache}/keyrotation/iam-simulate"
version="0.1.173"
package="@cloud-copilot/iam-simulate@$version"
manifest="$dir/node_modules/@cloud-copilot/iam-simulate/package.json"

# shellcheck source=ensure-node.sh
source "$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh"
ensure_node iam-simulate.sh "IAM policy evaluator tests" || exit 0

if [ -f "$manifest" ] && [ "$(node -p "require('$manifest').version")" = "$version" ]; then
  echo "iam-simulate.sh: $package already installed at $dir"
  exit 0
fi

mkdir -p "$dir"
npm install --prefix "$dir" "$package" --no-audit --no-fund --loglevel=error
test -f "$manifest"
echo "iam-simulate.sh: installed $package at $dir"
