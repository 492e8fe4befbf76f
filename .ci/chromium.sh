#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test of the HTML posture report
# (tests/KeyRotation.Cli.Tests/Report/BrowserRenderTests.cs renders the page headless and checks its figures).
# A no-op when chromium is already on PATH; where it cannot be installed the tests skip and say why.
set -uo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  echo "chromium.sh: $(command -v chromium || command -v chromium-browser) already installed"
  exit 0
fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "chromium.sh: installing chromium with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "chromium.sh: apt-get could not install chromium; the browser tests will be skipped" >&2
else
  echo "chromium.sh: chromium not found and cannot install it (needs apt-get as root); the browser tests will be skipped" >&2
fi
exit 0
