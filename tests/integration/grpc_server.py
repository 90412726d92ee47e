#!/usr/bin/python3
"""gRPC test server for gori load (Debian's python3-grpcio): serves gori.test.Payments from
tests/testdata/grpc/pay.proto on 127.0.0.1 (free port, printed on stdout) and on a Unix socket.

Usage: grpc_server.py PB2_DIR UNIX_SOCKET [STALL_AFTER_S]
  Pay    answers {"tid": "t-" + order_id, "amount": amount}
  Slow   like Pay after stall_ms; with STALL_AFTER_S, every call that arrives between
         STALL_AFTER_S and STALL_AFTER_S + 1 s after the first call waits until that second ends
         (a 1 s server stall, for the coordinated-omission check)
  Down   a normal response head, then UNAVAILABLE in the trailers
  Deny   PERMISSION_DENIED as a Trailers-Only response
  Watch  three replies (server streaming)
"""
import sys
import threading
import time
from concurrent import futures

sys.path.insert(0, sys.argv[1])
import grpc  # noqa: E402
import pay_pb2  # noqa: E402

stall_after = float(sys.argv[3]) if len(sys.argv) > 3 else None
first = []
lock = threading.Lock()


def reply(req):
    return pay_pb2.PayReply(tid="t-" + req.order_id, amount=req.amount)


def pay(req, ctx):
    return reply(req)


def slow(req, ctx):
    now = time.monotonic()
    with lock:
        if not first:
            first.append(now)
    if stall_after is not None:
        start = first[0] + stall_after
        if start <= now < start + 1.0:
            time.sleep(start + 1.0 - now)
    if req.stall_ms:
        time.sleep(req.stall_ms / 1000.0)
    return reply(req)


def down(req, ctx):
    ctx.send_initial_metadata(())
    ctx.abort(grpc.StatusCode.UNAVAILABLE, "backend down")


def deny(req, ctx):
    ctx.abort(grpc.StatusCode.PERMISSION_DENIED, "no")


def watch(req, ctx):
    for _ in range(3):
        yield reply(req)


def unary(fn):
    return grpc.unary_unary_rpc_method_handler(
        fn, request_deserializer=pay_pb2.PayRequest.FromString,
        response_serializer=pay_pb2.PayReply.SerializeToString)


handlers = {
    "Pay": unary(pay),
    "Slow": unary(slow),
    "Down": unary(down),
    "Deny": unary(deny),
    "Watch": grpc.unary_stream_rpc_method_handler(
        watch, request_deserializer=pay_pb2.PayRequest.FromString,
        response_serializer=pay_pb2.PayReply.SerializeToString),
}
server = grpc.server(futures.ThreadPoolExecutor(max_workers=256),
                     options=[("grpc.max_concurrent_streams", 1000)])
server.add_generic_rpc_handlers(
    (grpc.method_handlers_generic_handler("gori.test.Payments", handlers),))
port = server.add_insecure_port("127.0.0.1:0")
server.add_insecure_port("unix:" + sys.argv[2])
server.start()
print(port, flush=True)
server.wait_for_termination()
