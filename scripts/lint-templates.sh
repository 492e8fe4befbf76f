#!/usr/bin/env bash
# Lints the CloudFormation templates with cfn-lint, informational checks included (--include-checks I: e.g. I3011,
# a stateful resource without DeletionPolicy/UpdateReplacePolicy), when cfn-lint is installed; its absence is
# reported and skipped, not failed. The template tests in tests/KeyRotation.Lambda.Tests check the templates'
# logic either way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "lint-templates: cfn-lint not installed; skipped (pip install cfn-lint to run it)"
  exit 0
fi
# --include-checks takes a list, so '--' ends it before the file names.
cfn-lint --include-checks I -- "$root"/cloudformation/*.yaml "$root"/stacksets/*.yaml
echo "lint-templates: cfn-lint $(cfn-lint --version | awk '{print $2}') found no problem (informational checks included)"
