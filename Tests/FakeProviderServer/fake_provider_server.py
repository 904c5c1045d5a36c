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
  POST /v1/images/generations   (OpenAI images) a PNG of the requested size, as `b64_json` when asked
                                (always for gpt-image-* models, which refuse `response_format` with 400
                                unknown_parameter), else as a `url` to the file route below; 400 for a
                                size the model does not offer (dall-e-2: square, dall-e-3: 1024x1792 and
                                its kin, gpt-image-*: 1024x1536 and its kin or auto; another model: any
                                WxH); `revised_prompt` for dall-e-3; `usage` and the echoed size for
                                gpt-image-*
  GET  /v1/search               (Pexels photos; needs `Authorization: KEY`, no "Bearer") two portrait
                                photos in Pexels' JSON, none when the query has the word "nothing"
  GET  /videos/search           (Pexels videos; the same key) one portrait video of 4 s with its files
                                at several sizes (and one landscape), none when the query has the word
                                "still" or "nothing"
  GET  /files/NAME.png?w=W&h=H  a PNG of that size (made once by ffmpeg, then kept)
  GET  /files/NAME.mp4?w=W&h=H&s=S  an H.264 MP4 of that size and S seconds, moving (testsrc2)
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
import os
import re
import subprocess
import sys
import tempfile
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


MEDIA = {}
IMAGE_SIZES = {"dall-e-2": {"256x256", "512x512", "1024x1024"},
               "dall-e-3": {"1024x1024", "1792x1024", "1024x1792"},
               "gpt-image": {"1024x1024", "1536x1024", "1024x1536", "auto"}}


def media(kind, width, height, seconds=4.0, seed=0):
    """A PNG (kind "png") or an H.264 MP4 ("mp4") of that size, made by ffmpeg once and then kept."""
    key = (kind, width, height, seconds, seed % 4)
    with LOCK:
        if key in MEDIA:
            return MEDIA[key]
    if kind == "png":
        colours = ["0x1F6FB2", "0xFFD700", "0x8B0000", "0x2E8B57", "0xF2F5F9", "0x5B2A86"]
        pair = ":".join(f"c{k}={colours[(seed + k) % len(colours)]}" for k in range(2))
        arguments = ["-f", "lavfi", "-i", f"gradients=s={width}x{height}:{pair}:n=2:d=1", "-frames:v", "1",
                     "-f", "image2", "-c:v", "png", "pipe:1"]
        data = subprocess.run(["ffmpeg", "-v", "error"] + arguments, capture_output=True, check=True).stdout
    else:
        # A plain MP4 (its index at the front) needs a seekable output: a temporary file.
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "clip.mp4")
            subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc2=s={width}x{height}:r=30:d={seconds}",
                            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                            path], check=True)
            with open(path, "rb") as clip:
                data = clip.read()
    with LOCK:
        MEDIA[key] = data
    return data


def image_model_family(model):
    if model.startswith("gpt-image"):
        return "gpt-image"
    return model if model in IMAGE_SIZES else None


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
        system = " ".join(m["content"] for m in request["messages"] if m["role"] == "system")
        if "TikTok metadata" in system:
            topic = line_value(user, "Topic:") or "something"
            body = {"title": f"{topic}: the short answer", "caption": f"You will not guess this about {topic.lower()}. Follow for more.",
                    "hashtags": ["facts", "learnontiktok", "didyouknow", "science", "fyp"]}
            return self.send(200, completion(json.dumps(body, ensure_ascii=False), model=request.get("model", "fake")))
        plan = fake_plan(user)
        content = json.dumps(plan, ensure_ascii=False)
        if fmt == "json_object":
            content = "Here is the plan:\n```json\n" + content + "\n```"
        return self.send(200, completion(content, model=request.get("model", "fake")))

    def origin(self):
        return "http://" + (self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1])

    def images(self, request):
        if not request or not request.get("prompt"):
            return self.send(400, {"error": {"message": "Missing required parameter: 'prompt'.", "type": "invalid_request_error",
                                             "param": "prompt", "code": "missing_required_parameter"}})
        model = request.get("model") or "dall-e-2"
        family = image_model_family(model)
        size = request.get("size") or ("auto" if family == "gpt-image" else "1024x1024")
        fmt = request.get("response_format")
        if family == "gpt-image" and fmt is not None:
            return self.send(400, {"error": {"message": "Unknown parameter: 'response_format'.", "type": "invalid_request_error",
                                             "param": "response_format", "code": "unknown_parameter"}})
        allowed = IMAGE_SIZES.get(family) if family else None
        if (allowed is not None and size not in allowed) or (allowed is None and not re.fullmatch(r"\d+x\d+", size)):
            listed = ", ".join(f"'{v}'" for v in sorted(allowed or []))
            return self.send(400, {"error": {"message": f"Invalid value: '{size}'. Supported values are: {listed}.",
                                             "type": "invalid_request_error", "param": "size", "code": "invalid_value"}})
        if family == "dall-e-3" and int(request.get("n") or 1) != 1:
            return self.send(400, {"error": {"message": "Invalid 'n': dall-e-3 makes one image a request.",
                                             "type": "invalid_request_error", "param": "n", "code": None}})
        width, height = (1024, 1536) if size == "auto" else map(int, size.split("x"))
        seed = sum(request["prompt"].encode()) % 97
        item = {}
        if family == "gpt-image" or fmt == "b64_json":
            item["b64_json"] = base64.b64encode(media("png", width, height, seed=seed)).decode()
        else:
            item["url"] = f"{self.origin()}/files/generated-{seed}.png?w={width}&h={height}&seed={seed}"
        if family == "dall-e-3":
            item["revised_prompt"] = "A revised " + request["prompt"][:200]
        answer = {"created": int(time.time()), "data": [item]}
        if family == "gpt-image":
            answer.update({"background": "opaque", "output_format": "png", "size": f"{width}x{height}", "quality": "medium",
                           "usage": {"total_tokens": 1100, "input_tokens": 50, "output_tokens": 1050,
                                     "input_tokens_details": {"text_tokens": 50, "image_tokens": 0}}})
        return self.send(200, answer)

    def pexels_key_problem(self):
        key = self.headers.get("Authorization") or ""
        if not key:
            return "Unauthorized"
        if key.lower().startswith("bearer "):
            return "Unauthorized: Pexels takes the key alone, with no 'Bearer'"
        return None

    def pexels_photos(self, query):
        terms = query.get("query", [""])[0]
        per_page = int(query.get("per_page", ["15"])[0])
        found = [] if "nothing" in terms.lower().split() else [(2001, 1200, 1800, "Ana Ruiz"), (2002, 2400, 3600, "Ben Okafor")]
        photos = []
        for photo_id, width, height, author in found[:per_page]:
            original = f"{self.origin()}/files/photo-{photo_id}.png?w={width}&h={height}&seed={photo_id}"
            slug = author.lower().replace(" ", "-")
            photos.append({"id": photo_id, "width": width, "height": height,
                           "url": f"https://www.pexels.com/photo/{slug}-{photo_id}/", "photographer": author,
                           "photographer_url": f"https://www.pexels.com/@{slug}", "photographer_id": photo_id * 10,
                           "avg_color": "#5B6F7A", "liked": False, "alt": terms,
                           "src": {"original": original,
                                   "large2x": original.replace(f"w={width}&h={height}", "w=940&h=1410"),
                                   "large": original.replace(f"w={width}&h={height}", "w=470&h=705"),
                                   "medium": original.replace(f"w={width}&h={height}", "w=233&h=350"),
                                   "small": original.replace(f"w={width}&h={height}", "w=87&h=130"),
                                   "portrait": original.replace(f"w={width}&h={height}", "w=800&h=1200"),
                                   "landscape": original.replace(f"w={width}&h={height}", "w=1200&h=627"),
                                   "tiny": original.replace(f"w={width}&h={height}", "w=280&h=200")}})
        return self.send(200, {"page": 1, "per_page": per_page, "photos": photos, "total_results": len(photos),
                               "next_page": None if not photos else "https://api.pexels.com/v1/search/?page=2"})

    def pexels_videos(self, query):
        terms = query.get("query", [""])[0].lower().split()
        per_page = int(query.get("per_page", ["15"])[0])
        videos = []
        if "still" not in terms and "nothing" not in terms:
            video_id, seconds = 3001, 4
            files = [(9001, "sd", 360, 640), (9002, "hd", 720, 1280), (9003, "hd", 1080, 1920),
                     (9004, "uhd", 2160, 3840), (9005, "hd", 1920, 1080)]
            videos.append({"id": video_id, "width": 1080, "height": 1920, "duration": seconds,
                           "url": f"https://www.pexels.com/video/waves-{video_id}/", "image": f"{self.origin()}/files/poster-{video_id}.png?w=540&h=960",
                           "full_res": None, "tags": [], "avg_color": None,
                           "user": {"id": 77, "name": "Chloe Martin", "url": "https://www.pexels.com/@chloe-martin"},
                           "video_files": [{"id": file_id, "quality": quality, "file_type": "video/mp4", "width": width,
                                            "height": height, "fps": 30,
                                            "link": f"{self.origin()}/files/video-{file_id}.mp4?w={width}&h={height}&s={seconds}"}
                                           for file_id, quality, width, height in files]
                                          + [{"id": 9006, "quality": "hls", "file_type": "video/mp4", "width": None, "height": None,
                                              "fps": None, "link": f"{self.origin()}/files/video-9006.m3u8"}],
                           "video_pictures": [{"id": 1, "picture": f"{self.origin()}/files/poster-{video_id}.png?w=540&h=960", "nr": 0}]})
        return self.send(200, {"page": 1, "per_page": per_page, "videos": videos[:per_page], "total_results": len(videos),
                               "url": "https://www.pexels.com/search/videos/"})

    def file(self, url):
        query = parse_qs(url.query)
        width, height = int(query.get("w", ["64"])[0]), int(query.get("h", ["64"])[0])
        seed = int(query.get("seed", ["0"])[0])
        if url.path.endswith(".png"):
            return self.send(200, media("png", width, height, seed=seed), content_type="image/png")
        if url.path.endswith(".mp4"):
            return self.send(200, media("mp4", width, height, seconds=float(query.get("s", ["4"])[0])), content_type="video/mp4")
        return self.send(404, {"error": "no such file"})

    def route(self, url, body, fields, parsed):
        if url.path.endswith("/models") and self.command == "GET":
            auth = self.headers.get("Authorization") or ""
            if not auth.startswith("Bearer ") or auth == "Bearer sk-revoked":
                return self.send(401, {"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error",
                                                 "param": None, "code": "invalid_api_key"}})
            return self.send(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "owned_by": "fake"}]})
        if url.path == "/v1/user" and self.command == "GET":
            if not self.headers.get("xi-api-key"):
                return self.send(401, {"detail": {"status": "needs_authorization", "message": "no key"}})
            return self.send(200, {"user_id": "fake", "subscription": {"tier": "creator", "character_count": 0, "character_limit": 100000}})
        if url.path.endswith("/images/generations") and self.command == "POST":
            return self.images(parsed)
        if url.path in ("/v1/search", "/videos/search") and self.command == "GET":
            problem = self.pexels_key_problem()
            if problem:
                return self.send(401, {"error": problem})
            query = parse_qs(url.query)
            return self.pexels_photos(query) if url.path == "/v1/search" else self.pexels_videos(query)
        if url.path.startswith("/files/") and self.command == "GET":
            return self.file(url)
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
