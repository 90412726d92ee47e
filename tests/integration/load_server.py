#!/usr/bin/env python3
"""A small HTTP/1.1 test server for gori load's integration tests (127.0.0.1 only).

Prints its port on the first line of stdout, then serves until killed. Paths:
  /ok              200 "ok"
  /stall           200, but the STALL_AT-th request to it freezes the whole server for 1 s
  /500             500
  /reset           closes the connection with a TCP reset, no response
  /close           closes the connection cleanly, no response
  /hang            never answers (sleeps 30 s)
  POST /ready      {"tid": "T-<order_id>"} for a JSON body with order_id; remembers the tid
  POST /approve    200 when the body's tid was issued by /ready, else 400
  /user            200 when header X-User is a known user (counted), else 404
  /stats           JSON: requests per user
"""
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALL_AT = int(sys.argv[1]) if len(sys.argv) > 1 else 100
USERS = {"kim", "lee", "park"}

lock = threading.Lock()  # held for the 1 s freeze; every answer takes it first
state = {"stall_count": 0, "tids": set(), "users": {u: 0 for u in USERS}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        path = self.path.split("?")[0]
        payload = self.body()
        if path == "/stall":
            with lock:
                state["stall_count"] += 1
                if state["stall_count"] == STALL_AT:
                    time.sleep(1.0)
            self.reply(200, "ok")
        elif path == "/ok":
            with lock:
                pass
            self.reply(200, "ok")
        elif path == "/500":
            self.reply(500, "boom")
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/close":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif path == "/hang":
            time.sleep(30)
            self.close_connection = True
        elif path == "/ready":
            try:
                order = json.loads(payload)["order_id"]
            except (ValueError, KeyError):
                self.reply(400, "bad order")
                return
            tid = "T-" + str(order)
            with lock:
                state["tids"].add(tid)
            self.reply(200, json.dumps({"tid": tid, "state": "ready"}), "application/json")
        elif path == "/approve":
            try:
                tid = json.loads(payload)["tid"]
            except (ValueError, KeyError):
                tid = None
            with lock:
                known = tid in state["tids"]
            self.reply(200 if known else 400, json.dumps({"approved": known}), "application/json")
        elif path == "/user":
            user = self.headers.get("X-User", "")
            with lock:
                if user in USERS:
                    state["users"][user] += 1
            self.reply(200 if user in USERS else 404, user)
        elif path == "/stats":
            with lock:
                self.reply(200, json.dumps(state["users"], sort_keys=True), "application/json")
        else:
            self.reply(404, "no such path")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
