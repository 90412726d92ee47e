#!/usr/bin/env python3
"""The test service of the rollout rehearsal: one process standing in for a baseline and a canary.

Usage: service.py SLOWDOWN [SEED]
GET /baseline and GET /canary answer 200 after a seeded lognormal delay (median 20 ms, sigma
0.3); the canary's delay is multiplied by SLOWDOWN (1 = the same release). GET /metrics exports,
per track, the request-duration histogram, requests and errors in Prometheus's text format.
Binds 127.0.0.1 on a free port and prints it on the first line of stdout.
"""
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOWDOWN = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1
BOUNDS = [0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0]
TRACKS = ("baseline", "canary")

lock = threading.Lock()
rng = {t: random.Random(SEED * 2 + i) for i, t in enumerate(TRACKS)}
buckets = {t: [0] * (len(BOUNDS) + 1) for t in TRACKS}
total = {t: 0 for t in TRACKS}
errors = {t: 0 for t in TRACKS}
seconds = {t: 0.0 for t in TRACKS}


def exposition():
    out = ["# TYPE rehearsal_request_duration_seconds histogram"]
    for t in TRACKS:
        cumulative = 0
        for i, b in enumerate(BOUNDS):
            cumulative += buckets[t][i]
            out.append(f'rehearsal_request_duration_seconds_bucket{{track="{t}",le="{b}"}} {cumulative}')
        cumulative += buckets[t][-1]
        out.append(f'rehearsal_request_duration_seconds_bucket{{track="{t}",le="+Inf"}} {cumulative}')
        out.append(f'rehearsal_request_duration_seconds_sum{{track="{t}"}} {seconds[t]}')
        out.append(f'rehearsal_request_duration_seconds_count{{track="{t}"}} {cumulative}')
    out.append("# TYPE rehearsal_requests_total counter")
    out += [f'rehearsal_requests_total{{track="{t}"}} {total[t]}' for t in TRACKS]
    out.append("# TYPE rehearsal_request_errors_total counter")
    out += [f'rehearsal_request_errors_total{{track="{t}"}} {errors[t]}' for t in TRACKS]
    return ("\n".join(out) + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        track = self.path.strip("/")
        if self.path == "/metrics":
            with lock:
                body = exposition()
            self.answer(200, body, "text/plain; version=0.0.4")
            return
        if track not in TRACKS:
            self.answer(404, b"not found\n", "text/plain")
            return
        with lock:
            delay = rng[track].lognormvariate(0, 0.3) * 0.020
        if track == "canary":
            delay *= SLOWDOWN
        start = time.monotonic()
        time.sleep(delay)
        elapsed = time.monotonic() - start
        with lock:
            i = 0
            while i < len(BOUNDS) and elapsed > BOUNDS[i]:
                i += 1
            buckets[track][i] += 1
            total[track] += 1
            seconds[track] += elapsed
        self.answer(200, b"ok\n", "text/plain")

    def answer(self, code, body, content_type):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
