#!/usr/bin/env node
// Decides IAM requests with @cloud-copilot/iam-simulate, an IAM policy evaluator written independently of this
// project (AGPL-3.0: used at test time only, installed outside the repository by .ci/iam-simulate.sh, never shipped).
//
// Input (stdin): one JSON request per line:
//   {"principal": "arn:...", "action": "svc:Action", "resource": "arn:...", "resourceAccount": "111111111111",
//    "identityPolicies": [{"name": "...", "policy": {...}}], "resourcePolicy": {...} | null,
//    "context": {"aws:PrincipalOrgID": "o-...", ...}}
// Output (stdout): one JSON line per request, in order:
//   {"decision": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied"} or {"error": "..."} when the evaluator
//   rejects the input (an invalid policy, an action or context key it does not know), which the caller fails on.
// The folder holding node_modules/@cloud-copilot/iam-simulate comes from IAM_SIMULATE_DIR.
'use strict';
const { createRequire } = require('module');
const path = require('path');
const readline = require('readline');

const dir = process.env.IAM_SIMULATE_DIR;
if (!dir) {
  process.stderr.write('simulate.js: IAM_SIMULATE_DIR is not set\n');
  process.exit(2);
}
const { runSimulation } = createRequire(path.join(path.resolve(dir), 'package.json'))('@cloud-copilot/iam-simulate');

async function decide(line) {
  const r = JSON.parse(line);
  const simulation = {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount },
      contextVariables: r.context || {},
    },
    identityPolicies: r.identityPolicies || [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: r.resourcePolicy || undefined,
  };
  const response = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (response.resultType === 'error') return { error: JSON.stringify(response.errors) };
  if (response.resultType !== 'single') return { error: `expected one resource, got ${response.resultType}` };
  const ignored = response.result.ignoredContextKeys || [];
  // A context key the evaluator drops would make a condition test pass or fail for the wrong reason.
  if (ignored.length > 0) return { error: `context keys ignored for ${r.action}: ${ignored.join(', ')}` };
  return { decision: response.overallResult };
}

(async () => {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let answer;
    try {
      answer = await decide(line);
    } catch (e) {
      answer = { error: String(e && e.stack ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
})();
