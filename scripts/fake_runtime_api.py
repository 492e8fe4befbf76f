#!/usr/bin/env python3
"""A tiny fake of the AWS Lambda Runtime API (2018-06-01) for scripts/aot-smoke.sh.

Hands out the events of --events in order, then answers the next-invocation call with 410 Gone, which makes the
host stop. Records every request (with time.time_ns()) to --record when the host has stopped or on SIGTERM.
Listens on 127.0.0.1 only, on a free port written to --port-file.
"""
import argparse
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BASE = "/2018-06-01/runtime/"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", required=True, help="JSON list of {requestId, payload, deadlineInSeconds, traceId}")
    parser.add_argument("--record", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()

    with open(args.events, encoding="utf-8") as f:
        events = json.load(f)
    lock = threading.Lock()
    record = {"requests": []}

    def save():
        with lock, open(args.record, "w", encoding="utf-8") as out:
            json.dump(record, out, indent=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as separate writes; without this, delayed ACKs add ~40 ms to every answer.
        disable_nagle_algorithm = True

        def log_message(self, *_):
            pass

        def _answer(self, status, body=b"", headers=None):
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            entry = {"at": time.time_ns(), "method": "GET", "path": self.path}
            with lock:
                record["requests"].append(entry)
            if self.path != BASE + "invocation/next":
                return self._answer(404)
            with lock:
                event = events.pop(0) if events else None
            if event is None:
                self._answer(410, b'{"errorMessage":"no more events"}')
                return
            deadline_ms = int((time.time() + event.get("deadlineInSeconds", 300)) * 1000)
            headers = {
                "Lambda-Runtime-Aws-Request-Id": event["requestId"],
                "Lambda-Runtime-Deadline-Ms": str(deadline_ms),
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:111111111111:function:smoke",
            }
            if event.get("traceId"):
                headers["Lambda-Runtime-Trace-Id"] = event["traceId"]
            self._answer(200, event["payload"].encode("utf-8"), headers)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            entry = {
                "at": time.time_ns(),
                "method": "POST",
                "path": self.path,
                "errorType": self.headers.get("Lambda-Runtime-Function-Error-Type"),
                "body": body,
            }
            with lock:
                record["requests"].append(entry)
            known = self.path == BASE + "init/error" or (
                self.path.startswith(BASE + "invocation/") and self.path.rsplit("/", 1)[-1] in ("response", "error"))
            self._answer(202 if known else 404, b'{"status":"OK"}' if known else b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))

    def stop(*_):
        save()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.05)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
