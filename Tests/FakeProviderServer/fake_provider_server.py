#!/usr/bin/env python3
"""A fake provider server for tiktok-ai's tests, on loopback, with faults on demand.

It speaks the wire formats of shared/reference/provider-wire-formats.md for the routes the provider
clients use, and a few plain routes for the HTTP transport's own tests. Tests start it, read the port
from its first line of output ("listening PORT"), and stop it by its pid.

Control routes (never used by the clients):
  GET  /_fake/counts            {"POST /v1/chat/completions": 2, ...}: requests per route so far
  POST /_fake/reset             forget counts, faults and recorded requests
  POST /_fake/faults            {"route": "/v1/x", "faults": [FAULT, ...]}: the next requests to that
                                route (path only) get these, in order, instead of the normal answer
  GET  /_fake/requests          the last 50 requests: method, path, headers, body size, form fields
FAULT is one of:
  {"status": 429, "retryAfter": "2", "body": {...} | "text", "headers": {...}}
  {"stall": 30}                 send the status line and headers, then nothing for 30 s
  {"drop": true}                close the connection without an answer
  {"malformed": true}           200 with a body that is not JSON
Plain routes:
  POST /echo                    what was received, as JSON (form fields of a multipart body too)
  GET  /bytes?n=N               N bytes (0..255 repeating)
  GET  /status/CODE             an empty answer with that status
"""
import argparse
import email.parser
import email.policy
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
COUNTS = {}
FAULTS = {}
REQUESTS = []
LATENCY = 0.0


def form_fields(content_type, body):
    """The fields of a multipart/form-data body: name -> text, or {filename, contentType, size}."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            value = {"filename": filename, "contentType": part.get_content_type(), "size": len(payload)}
        else:
            value = payload.decode("utf-8", "replace")
        if name in fields:
            existing = fields[name]
            fields[name] = (existing if isinstance(existing, list) else [existing]) + [value]
        else:
            fields[name] = value
    return fields


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    # --- plumbing

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urlparse(self.path)
        body = self.read_body()
        if url.path.startswith("/_fake/"):
            return self.control(url, body)
        route = f"{self.command} {url.path}"
        fields = None
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            fields = form_fields(content_type, body)
        with LOCK:
            COUNTS[route] = COUNTS.get(route, 0) + 1
            REQUESTS.append({"method": self.command, "path": url.path, "query": url.query,
                             "headers": dict(self.headers.items()), "size": len(body), "fields": fields})
            del REQUESTS[:-50]
            queue = FAULTS.get(url.path) or []
            fault = queue.pop(0) if queue else None
        if LATENCY:
            time.sleep(LATENCY)
        if fault is not None:
            return self.fault(fault)
        return self.route(url, body, fields)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

    def control(self, url, body):
        global COUNTS, FAULTS, REQUESTS
        if url.path == "/_fake/counts":
            with LOCK:
                return self.send(200, dict(COUNTS))
        if url.path == "/_fake/requests":
            with LOCK:
                return self.send(200, list(REQUESTS))
        if url.path == "/_fake/reset":
            with LOCK:
                COUNTS, FAULTS, REQUESTS = {}, {}, []
            return self.send(200, {})
        if url.path == "/_fake/faults":
            request = json.loads(body)
            with LOCK:
                FAULTS.setdefault(request["route"], []).extend(request["faults"])
            return self.send(200, {})
        return self.send(404, {"error": "unknown control route"})

    def fault(self, fault):
        if fault.get("drop"):
            self.close_connection = True
            self.connection.close()
            return
        if "stall" in fault:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(float(fault["stall"]))
            self.close_connection = True
            return
        if fault.get("malformed"):
            return self.send(200, '{"id": "chatcmpl-fake", "choices": [')
        headers = dict(fault.get("headers") or {})
        if "retryAfter" in fault:
            headers["Retry-After"] = fault["retryAfter"]
        body = fault.get("body")
        if body is None:
            body = {"error": {"message": f"fake error {fault['status']}", "type": "server_error",
                              "param": None, "code": None}}
        return self.send(int(fault["status"]), body, headers=headers)

    # --- routes

    def route(self, url, body, fields):
        if url.path == "/echo":
            return self.send(200, {"method": self.command, "path": url.path, "query": url.query,
                                   "headers": dict(self.headers.items()), "size": len(body),
                                   "body": body.decode("utf-8", "replace") if fields is None else None,
                                   "fields": fields})
        if url.path == "/bytes":
            n = int(parse_qs(url.query).get("n", ["0"])[0])
            return self.send(200, bytes(i % 256 for i in range(n)), content_type="application/octet-stream")
        if url.path.startswith("/status/"):
            return self.send(int(url.path.rsplit("/", 1)[1]), b"")
        return self.send(404, {"error": {"message": f"Invalid URL ({self.command} {url.path})",
                                         "type": "invalid_request_error", "param": None, "code": None}})


def main():
    global LATENCY
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args()
    LATENCY = args.latency
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
