#!/usr/bin/env bash
# Installs dynalite (a DynamoDB implementation on Node.js, in memory) for the audit-store tests, into the folder
# the test fixture looks in: ${XDG_CACHE_HOME:-$HOME/.cache}/keyrotation/dynalite (outside the repository).
# The tests start and stop dynalite themselves on 127.0.0.1 and a free port; this script only installs it.
# Idempotent: does nothing when the pinned major version is already there.
set -euo pipefail

dir="${XDG_CACHE_HOME:-$HOME/.cache}/keyrotation/dynalite"
cli="$dir/node_modules/dynalite/cli.js"
package="dynalite@4"

# shellcheck source=ensure-node.sh
source "$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh"
ensure_node dynalite.sh "dynalite tests" || exit 0

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "dynalite.sh: Node.js $(node --version) is too old for $package (needs >= 20)" >&2
  exit 1
fi

if [ -f "$cli" ] && [ "$(node -p "require('$dir/node_modules/dynalite/package.json').version.split('.')[0]")" = "4" ]; then
  echo "dynalite.sh: $package already installed at $dir"
  exit 0
fi

mkdir -p "$dir"
npm install --prefix "$dir" "$package" --no-audit --no-fund --loglevel=error
test -f "$cli"
echo "dynalite.sh: installed $package at $dir"
