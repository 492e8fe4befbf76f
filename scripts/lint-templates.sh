#!/usr/bin/env bash
# Lints the CloudFormation templates with cfn-lint when it is installed (it is not installable from this
# project's registries, so its absence is reported and skipped, not failed). The template tests in
# tests/KeyRotation.Lambda.Tests check the templates' logic either way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "lint-templates: cfn-lint not installed; skipped"
  exit 0
fi
cfn-lint "$root"/cloudformation/*.yaml "$root"/stacksets/*.yaml
echo "lint-templates: cfn-lint $(cfn-lint --version | awk '{print $2}') found no problem"
