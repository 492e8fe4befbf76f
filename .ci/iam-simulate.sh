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

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "iam-simulate.sh: installing Node.js and npm with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "iam-simulate.sh: node/npm not found and cannot install them; IAM policy evaluator tests will be skipped" >&2
    exit 0
  fi
fi

if [ -f "$manifest" ] && [ "$(node -p "require('$manifest').version")" = "$version" ]; then
  echo "iam-simulate.sh: $package already installed at $dir"
  exit 0
fi

mkdir -p "$dir"
npm install --prefix "$dir" "$package" --no-audit --no-fund --loglevel=error
test -f "$manifest"
echo "iam-simulate.sh: installed $package at $dir"
