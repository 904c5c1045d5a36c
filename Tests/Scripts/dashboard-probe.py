#!/usr/bin/python3
"""Watches the dashboard in headless Chromium while a job renders, through the DevTools protocol.

usage: dashboard-probe.py watch URL JOB_ID OUT_DIR [TIMEOUT_SECONDS]
       dashboard-probe.py retry URL JOB_ID TOKEN OUT_DIR

watch: starts Chromium (Debian's `chromium`), opens URL, and every 200 ms reads the DOM: the job's running
card (`data-progress`, the bar's width) and, once it is finished, its done card (`data-loaded`: the
thumbnail decoded). Saves a screenshot while the job runs and one when it is done, in OUT_DIR, and
prints one JSON object: {"progress": [values seen, in order], "widths": [...], "loaded": bool,
"caption": text, "screenshots": [paths]}. Exits 0 when it saw the job finish, 1 on timeout.
retry: clicks the failed job's Retry button first with no token (the page must show the server's
401 message and the job stay failed), then with TOKEN typed into the token box, and prints
{"refused": message, "retried": bool, "screenshots": [...]}; exits 0 when the job left the failed
list. Chromium is stopped by its pid in every case. Only the standard library: the WebSocket client is
the few lines DevTools needs (text frames, no extensions).
"""
import base64, json, os, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request


class DevTools:
    def __init__(self, url):
        rest = url[len("ws://"):]
        hostport, path = rest.split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = self.sock.recv(1)
            if not chunk:
                raise EOFError("DevTools closed the handshake")
            answer += chunk
        if b" 101 " not in answer.split(b"\r\n")[0]:
            raise RuntimeError(answer.decode(errors="replace"))
        self.next_id = 0

    def _send(self, text):
        data, mask = text.encode(), os.urandom(4)
        n = len(data)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else
                                  bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else
                                  bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError("DevTools closed the connection")
            data += chunk
        return data

    def _receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(length)
            opcode = first & 0x0F
            if opcode == 8:
                raise EOFError("DevTools closed the connection")
            if opcode in (9, 10):
                continue
            message += payload
            if first & 0x80:
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            answer = self._receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def screenshot(self, path):
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))


def main():
    mode, url, job = sys.argv[1], sys.argv[2], sys.argv[3]
    profile = tempfile.mkdtemp(prefix="dashboard-probe-")
    browser = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-dev-shm-usage", "--window-size=1100,1000", "--remote-debugging-port=0",
                                f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > deadline or browser.poll() is not None:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(p for p in pages if p.get("type") == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Page.navigate", url=url)
        if mode == "retry":
            return retry(tools, job, token=sys.argv[4], out=sys.argv[5])
        out = sys.argv[4]
        timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 120
        report = {"progress": [], "widths": [], "loaded": False, "caption": None, "screenshots": []}
        probe = ("(() => { const r = document.querySelector('#running [data-job=\"%s\"]');"
                 " const d = document.querySelector('#done [data-job=\"%s\"]');"
                 " return { running: r ? r.dataset.progress : null, width: r ? r.querySelector('.bar > div').style.width : null,"
                 " loaded: d ? d.dataset.loaded === 'true' : false, caption: d ? (d.querySelector('.caption') || {}).textContent || null : null }; })()"
                 % (job, job))
        deadline = time.time() + timeout
        while time.time() < deadline:
            seen = tools.evaluate(probe) or {}
            if seen.get("running") is not None:
                value = int(seen["running"])
                if not report["progress"] or report["progress"][-1] != value:
                    report["progress"].append(value)
                    report["widths"].append(seen.get("width"))
                # One picture of the bar part-way through the encode.
                if not report["screenshots"] and 50 <= value < 100:
                    path = os.path.join(out, "dashboard-running.png")
                    tools.screenshot(path)
                    report["screenshots"].append(path)
            if seen.get("loaded") and seen.get("caption"):
                report["loaded"], report["caption"] = True, seen["caption"]
                path = os.path.join(out, "dashboard-done.png")
                tools.screenshot(path)
                report["screenshots"].append(path)
                break
            time.sleep(0.2)
        print(json.dumps(report))
        return 0 if report["loaded"] else 1
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(tools, expression, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = tools.evaluate(expression)
        if value:
            return value
        time.sleep(0.2)
    return None


def retry(tools, job, token, out):
    card = "document.querySelector('#failed [data-job=\"%s\"]')" % job
    report = {"refused": None, "retried": False, "screenshots": []}
    if not wait_for(tools, card + " !== null"):
        print(json.dumps(report))
        return 1
    tools.evaluate(card + ".querySelector('button.retry').click()")
    report["refused"] = wait_for(tools, "(() => { const n = document.getElementById('notice');"
                                        " return n.style.display === 'block' ? n.textContent : null; })()")
    path = os.path.join(out, "dashboard-refused.png")
    tools.screenshot(path)
    report["screenshots"].append(path)
    still_failed = tools.evaluate(card + " !== null")
    tools.evaluate("(() => { const box = document.getElementById('token-input'); box.value = %s;"
                   " box.dispatchEvent(new Event('change')); })()" % json.dumps(token))
    tools.evaluate(card + ".querySelector('button.retry').click()")
    report["retried"] = bool(still_failed) and bool(wait_for(tools, card + " === null && document.querySelector("
                                                               "'[data-job=\"%s\"]') !== null" % job))
    report["tokenKept"] = tools.evaluate("localStorage.getItem('tiktok-ai-token')") == token
    path = os.path.join(out, "dashboard-retried.png")
    tools.screenshot(path)
    report["screenshots"].append(path)
    print(json.dumps(report))
    return 0 if report["retried"] and report["refused"] else 1


if __name__ == "__main__":
    sys.exit(main())
