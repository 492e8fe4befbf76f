#!/usr/bin/env bash
# AOT smoke test: builds the Lambda package with scripts/package-lambda.sh (Native AOT, 1-3 minutes), unpacks
# the zip and runs its `bootstrap` against a fake Runtime API on 127.0.0.1 (scripts/fake_runtime_api.py):
#   1. valid configuration: ping, a malformed event, rotate-account of an item list-targets marked skipped (answered
#      without AWS)                                             -> two responses and one invocation error,
#      then the fake says stop and the host exits (code 3);
#   2. a bad configuration value                                -> init/error naming the variable, exit code 1;
#   3. the composed engine: a sweep with every AWS endpoint on a closed loopback port and no credentials
#      -> placeholder credentials (no EC2 metadata call), STS unreachable, invocation error
#         KeyRotation.ServiceError.Transient naming STS GetCallerIdentity; the process keeps serving (exit 3).
# Prints what it measured: package sizes, time from process start to the first next-invocation request, and
# the time for the three invocations. Exits non-zero on any deviation.
#
#   scripts/aot-smoke.sh [--no-build]    --no-build reuses artifacts/key-rotation-lambda.zip
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip_path="$root/artifacts/key-rotation-lambda.zip"
work="$root/artifacts/aot-smoke"

if [[ "${1:-}" != "--no-build" ]]; then
  "$root/scripts/package-lambda.sh" "$zip_path"
fi
[[ -f "$zip_path" ]] || { echo "aot-smoke: $zip_path missing; run without --no-build" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/unpacked"
python3 -c 'import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2])
for i in z.infolist(): os.chmod(os.path.join(sys.argv[2], i.filename), i.external_attr >> 16 & 0o777)' "$zip_path" "$work/unpacked"
bootstrap="$work/unpacked/bootstrap"

fake_pid=""
cleanup() { if [[ -n "$fake_pid" ]]; then kill "$fake_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# run_case NAME EVENTS_JSON ENV... ; sets case_exit, case_start_ns, case_record
run_case() {
  local name="$1" events="$2"; shift 2
  local dir="$work/$name"
  mkdir -p "$dir"
  printf '%s' "$events" > "$dir/events.json"
  python3 "$root/scripts/fake_runtime_api.py" --events "$dir/events.json" --record "$dir/record.json" \
    --port-file "$dir/port" &
  fake_pid=$!
  for _ in $(seq 1 100); do [[ -s "$dir/port" ]] && break; sleep 0.05; done
  [[ -s "$dir/port" ]] || { echo "aot-smoke: the fake Runtime API did not start" >&2; exit 1; }

  case_start_ns=$(date +%s%N)
  set +e
  env -i PATH=/usr/bin:/bin AWS_LAMBDA_RUNTIME_API="127.0.0.1:$(cat "$dir/port")" AWS_LAMBDA_FUNCTION_NAME=smoke \
    "$@" timeout 60 "$bootstrap" > "$dir/stdout.log" 2> "$dir/stderr.log"
  case_exit=$?
  set -e
  case_end_ns=$(date +%s%N)
  kill "$fake_pid" && wait "$fake_pid" || true
  fake_pid=""
  case_record="$dir/record.json"
}

# Lambda always sets AWS_REGION; init checks that the adapters could be built from it.
valid_env=(
  AWS_REGION=us-east-1
  KEYROTATION_MEMBER_ROLE_NAME=KeyRotationMemberRole
  KEYROTATION_EXTERNAL_ID=smoke-external-id
  KEYROTATION_TOPIC_ARN=arn:aws:sns:us-east-1:111111111111:key-rotation
  KEYROTATION_AUDIT_TABLE=key-rotation-audit
  KEYROTATION_DRY_RUN=true
)
events='[
 {"requestId":"smoke-ping","payload":"{\"mode\":\"ping\"}","traceId":"Root=1-00000000-000000000000000000000001;Sampled=1"},
 {"requestId":"smoke-bad","payload":"not json"},
 {"requestId":"smoke-skipped","payload":"{\"mode\":\"rotate-account\",\"runId\":\"smoke\",\"account\":{\"accountId\":\"222222222222\",\"accountName\":\"sandbox\",\"state\":\"Active\",\"skipped\":\"OptOut\"}}"}
]'

run_case valid "$events" "${valid_env[@]}"
python3 - "$case_record" "$case_start_ns" "$case_end_ns" "$case_exit" "$work/valid/stdout.log" <<'PY'
import json, sys
record, start, end, code, stdout = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
reqs = record["requests"]
def post(suffix):
    return [r for r in reqs if r["method"] == "POST" and r["path"].endswith(suffix)]
problems = []
if code != 3: problems.append(f"exit code {code}, expected 3 (the Runtime API said stop)")
ping = post("/smoke-ping/response")
if not ping or not json.loads(ping[0]["body"]).get("ok"): problems.append("no ok answer to ping")
bad = post("/smoke-bad/error")
if not bad or bad[0]["errorType"] != "KeyRotation.InvalidEvent": problems.append(f"malformed event: expected KeyRotation.InvalidEvent, got {bad}")
skipped = post("/smoke-skipped/response")
if not skipped: problems.append("no answer to rotate-account of an account the run's start skipped")
else:
    r = json.loads(skipped[0]["body"])
    if (r["accountId"], r["status"], r["reason"]) != ("222222222222", "Skipped", "OptOut"): problems.append(f"rotate-account answered {r}")
if "smoke-external-id" in open(stdout).read(): problems.append("the external id reached the logs")
gets = [r for r in reqs if r["method"] == "GET"]
if len(gets) != 4: problems.append(f"{len(gets)} next-invocation calls, expected 4")
for line in open(stdout):
    json.loads(line)  # every log line is one JSON object
first = gets[0]["at"] if gets else end
print(f"aot-smoke: time to first request {(first - start) / 1e6:.1f} ms; three invocations in {(gets[-1]['at'] - first) / 1e6:.1f} ms; process {(end - start) / 1e6:.1f} ms")
if problems:
    print("aot-smoke: FAILED (valid configuration): " + "; ".join(problems)); sys.exit(1)
PY

run_case bad-config '[]' "${valid_env[@]}" KEYROTATION_DRY_RUN=maybe
python3 - "$case_record" "$case_exit" <<'PY'
import json, sys
record, code = json.load(open(sys.argv[1])), int(sys.argv[2])
init = [r for r in record["requests"] if r["path"].endswith("/init/error")]
problems = []
if code != 1: problems.append(f"exit code {code}, expected 1")
if len(init) != 1: problems.append(f"{len(init)} init errors posted, expected 1")
else:
    body = json.loads(init[0]["body"])
    if body.get("errorType") != "KeyRotation.InvalidConfiguration" or "KEYROTATION_DRY_RUN='maybe'" not in body.get("errorMessage", ""):
        problems.append(f"init error was {body}")
if any(r["method"] == "GET" for r in record["requests"]): problems.append("asked for an event after a failed init")
if problems:
    print("aot-smoke: FAILED (bad configuration): " + "; ".join(problems)); sys.exit(1)
print("aot-smoke: bad configuration -> init/error KeyRotation.InvalidConfiguration naming KEYROTATION_DRY_RUN, exit 1")
PY

closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
run_case engine '[{"requestId":"smoke-sweep","payload":"{\"mode\":\"sweep\"}"}]' "${valid_env[@]}" \
  AWS_ENDPOINT_URL="http://127.0.0.1:$closed_port" KEYROTATION_DRY_RUN=false
python3 - "$case_record" "$case_exit" "$work/engine/stdout.log" <<'PY'
import json, sys
record, code, stdout = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
errors = [r for r in record["requests"] if r["path"].endswith("/smoke-sweep/error")]
problems = []
if code != 3: problems.append(f"exit code {code}, expected 3")
if len(errors) != 1: problems.append(f"{len(errors)} invocation errors, expected 1")
else:
    body = json.loads(errors[0]["body"])
    if errors[0]["errorType"] != "KeyRotation.ServiceError.Unreachable" or "STS GetCallerIdentity failed" not in body.get("errorMessage", ""):
        problems.append(f"sweep error was {errors[0]['errorType']}: {body}")
if "smoke-external-id" in open(stdout).read(): problems.append("the external id reached the logs")
if problems:
    print("aot-smoke: FAILED (engine): " + "; ".join(problems)); sys.exit(1)
print("aot-smoke: composed engine -> STS unreachable on loopback, KeyRotation.ServiceError.Unreachable, host kept serving")
PY

echo "aot-smoke: package $(stat -c %s "$zip_path") bytes, bootstrap $(stat -c %s "$bootstrap") bytes"
echo "aot-smoke: all three checks passed (answers invocations; bad configuration is an init error; the composed engine reports an unreachable AWS)"
