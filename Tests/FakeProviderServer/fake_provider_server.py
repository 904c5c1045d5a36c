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
  {"content": "..."}            (chat) a normal completion whose message content is this text
  {"status": 500, "body": ..., "once": true} and so on: every fault is used once
Provider routes:
  POST /v1/chat/completions     a plan for the topic in the last user message: as many scenes as the
                                "Scenes: A to B" line allows (their middle), narration to the "N words"
                                budget, 5 hooks; content as a JSON object, in ```json fences when the
                                request asked for json_object (as local models do)
  POST /v1/audio/speech         audio (ffmpeg-made tone) as long as the input takes to say at
                                150 words a minute times `speed`, in `response_format` (mp3, wav, …),
                                with no Content-Length (chunked), as the real API sends it
  POST /v1/audio/transcriptions verbose_json: the prompt's words spread over the uploaded WAV's
                                length, every fifth one misheard ("+h") and the ninth one missed
  POST /v1/text-to-speech/VOICE/with-timestamps  (ElevenLabs; needs xi-api-key) audio_base64 of an
                                mp3 tone as long as the text at 150 wpm times voice_settings.speed, and
                                an alignment with every character's start and end spread over it
Plain routes:
  POST /echo                    what was received, as JSON (form fields of a multipart body too)
  GET  /bytes?n=N               N bytes (0..255 repeating)
  GET  /status/CODE             an empty answer with that status
"""
import argparse
import base64
import email.parser
import email.policy
import io
import json
import re
import subprocess
import sys
import threading
import time
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
COUNTS = {}
FAULTS = {}
REQUESTS = []
LATENCY = 0.0


REJECT_SCHEMA = False
WORDS = ("tiny deep ocean creatures move slowly through cold water while bright lights flash and "
         "curious scientists watch every careful step they take below").split()


def line_value(text, prefix):
    for line in text.splitlines():
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    return ""


def fake_plan(user):
    """A plan that passes tiktok-ai's checks, from the prompt's own numbers."""
    topic = line_value(user, "Topic:") or "something"
    scenes_line = re.search(r"Scenes: (\d+) to (\d+)", user)
    low, high = (int(scenes_line.group(1)), int(scenes_line.group(2))) if scenes_line else (4, 6)
    count = (low + high) // 2
    budget_line = re.search(r"(\d+) words in total", user)
    budget = int(budget_line.group(1)) if budget_line else 120
    per_scene = max(3, budget // count)
    scenes = []
    for index in range(count):
        words = [WORDS[(index * 7 + k) % len(WORDS)] for k in range(per_scene - 3)]
        narration = f"Point {index + 1} about {topic.split()[0].lower()}: " + " ".join(words) + "."
        scenes.append({"narration": narration, "onScreenText": f"POINT {index + 1}",
                       "visual": f"a photo of scene {index + 1} about {topic}"})
    hooks = [f"Hook {k + 1}: did you know this about {topic}?" for k in range(5)]
    return {"hooks": hooks, "outline": [f"Beat {k + 1}" for k in range(count)], "scenes": scenes}


def tone(seconds, fmt):
    """A tone of `seconds` in format `fmt`, made by ffmpeg, standing in for speech."""
    return subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                           f"sine=frequency=220:sample_rate=24000:duration={seconds:.3f}",
                           "-ac", "1", "-f", fmt, "pipe:1"], capture_output=True, check=True).stdout


def completion(content, model="fake"):
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 200, "total_tokens": 300}}


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
            try:
                with wave.open(io.BytesIO(payload)) as audio:
                    value["seconds"] = audio.getnframes() / float(audio.getframerate())
            except Exception:
                pass
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
        parsed = None
        if content_type.startswith("application/json"):
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
        with LOCK:
            COUNTS[route] = COUNTS.get(route, 0) + 1
            REQUESTS.append({"method": self.command, "path": url.path, "query": url.query,
                             "headers": dict(self.headers.items()), "size": len(body), "fields": fields,
                             "json": parsed, "at": time.time()})
            del REQUESTS[:-50]
            queue = FAULTS.get(url.path) or []
            fault = queue.pop(0) if queue else None
        if LATENCY:
            time.sleep(LATENCY)
        if fault is not None:
            return self.fault(fault)
        return self.route(url, body, fields, parsed)

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
        if "content" in fault:
            return self.send(200, completion(fault["content"]))
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

    def speech(self, request):
        voices = {"alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"}
        if not request or not request.get("input") or request.get("voice") not in voices:
            return self.send(400, {"error": {"message": "Invalid value for 'voice' or missing 'input'.",
                                             "type": "invalid_request_error", "param": "voice", "code": None}})
        words = len(request["input"].split())
        speed = float(request.get("speed") or 1.0)
        seconds = max(0.5, words / (150.0 * speed) * 60.0)
        fmt = request.get("response_format") or "mp3"
        audio = tone(seconds, fmt)
        self.send_response(200)
        self.send_header("Content-Type", {"mp3": "audio/mpeg", "wav": "audio/wav"}.get(fmt, "application/octet-stream"))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(audio), 16384):
            chunk = audio[start:start + 16384]
            self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def elevenlabs(self, request):
        if not self.headers.get("xi-api-key"):
            return self.send(401, {"detail": {"status": "needs_authorization",
                                              "message": "Neither authorization header nor xi-api-key received, please provide one."}})
        if not request or not request.get("text"):
            return self.send(422, {"detail": [{"loc": ["body", "text"], "msg": "field required", "type": "value_error.missing"}]})
        text = request["text"]
        speed = float((request.get("voice_settings") or {}).get("speed") or 1.0)
        seconds = max(0.5, len(text.split()) / (150.0 * speed) * 60.0)
        audio = tone(seconds, "mp3")
        step = seconds / len(text)
        alignment = {"characters": list(text),
                     "character_start_times_seconds": [round(k * step, 3) for k in range(len(text))],
                     "character_end_times_seconds": [round((k + 1) * step, 3) for k in range(len(text))]}
        return self.send(200, {"audio_base64": base64.b64encode(audio).decode(), "alignment": alignment,
                               "normalized_alignment": alignment})

    def transcription(self, fields):
        upload = fields.get("file")
        if not isinstance(upload, dict) or "model" not in fields:
            return self.send(400, {"error": {"message": "Invalid file format.", "type": "invalid_request_error",
                                             "param": "file", "code": None}})
        seconds = upload.get("seconds") or 10.0
        # The words "heard" are the prompt's, spread over the audio, with every fifth one misheard
        # and the ninth one missed, so that clients must tolerate recognition errors.
        heard = [re.sub(r"[^\w'-]", "", w) for w in (fields.get("prompt") or "").split()]
        heard = [w for w in heard if w]
        heard = [w + "h" if k % 5 == 4 else w for k, w in enumerate(heard)]
        if len(heard) > 9:
            del heard[8]
        step = (seconds - 0.2) / max(1, len(heard))
        words = [{"word": w, "start": round(0.1 + k * step, 3), "end": round(0.1 + k * step + step * 0.8, 3)}
                 for k, w in enumerate(heard)]
        body = {"task": "transcribe", "language": "english", "duration": seconds, "text": " ".join(heard), "words": words}
        granularities = fields.get("timestamp_granularities[]") or []
        if "segment" in granularities:
            body["segments"] = [{"id": 0, "seek": 0, "start": 0.0, "end": seconds, "text": " " + " ".join(heard),
                                 "tokens": [], "temperature": 0.0, "avg_logprob": -0.3,
                                 "compression_ratio": 1.2, "no_speech_prob": 0.01}]
        body["usage"] = {"type": "duration", "seconds": int(seconds + 0.999)}
        return self.send(200, body)

    def chat(self, request):
        if not request or not request.get("messages"):
            return self.send(400, {"error": {"message": "We could not parse the JSON body of your request.",
                                             "type": "invalid_request_error", "param": None, "code": None}})
        fmt = (request.get("response_format") or {}).get("type")
        if fmt == "json_schema" and REJECT_SCHEMA:
            return self.send(500, {"error": {"code": 500, "type": "server_error",
                                             "message": 'response_format type must be one of "text" or "json_object", but got: json_schema'}})
        user = [m["content"] for m in request["messages"] if m["role"] == "user"][0]
        plan = fake_plan(user)
        content = json.dumps(plan, ensure_ascii=False)
        if fmt == "json_object":
            content = "Here is the plan:\n```json\n" + content + "\n```"
        return self.send(200, completion(content, model=request.get("model", "fake")))

    def route(self, url, body, fields, parsed):
        if url.path.endswith("/chat/completions") and self.command == "POST":
            return self.chat(parsed)
        if url.path.endswith("/audio/speech") and self.command == "POST":
            return self.speech(parsed)
        if url.path.startswith("/v1/text-to-speech/") and url.path.endswith("/with-timestamps"):
            return self.elevenlabs(parsed)
        if url.path.endswith("/audio/transcriptions") and self.command == "POST":
            return self.transcription(fields or {})
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
    parser.add_argument("--reject-json-schema", action="store_true",
                        help="answer json_schema requests as older llama.cpp builds do (500)")
    args = parser.parse_args()
    global REJECT_SCHEMA
    LATENCY = args.latency
    REJECT_SCHEMA = args.reject_json_schema
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
