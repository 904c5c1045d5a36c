import HTTPTypes
import Hummingbird

/// `GET /`: the dashboard, one self-contained page (no build step, no outside resources) that reads
/// the same API any client does.
///
/// - the queue (`GET /api/run?state=queued`);
/// - running jobs, each with a progress bar fed by its `GET /api/run/{id}/stream` events;
/// - finished jobs with the thumbnail, a video player and the TikTok caption and hashtags with copy buttons;
/// - failed and canceled jobs with their error and retry buttons, and cancel buttons on waiting and
///   running jobs; every button sends the token typed into the page (kept in the browser's
///   `localStorage`, never sent anywhere but this server).
///
/// Elements carry `data-` attributes (`data-job`, `data-progress`, `data-seen`, `data-loaded`) so a
/// test in headless Chromium can read what a person would see.
enum DashboardPage {
    static func register(on router: Router<APIRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .ok,
                     headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                               HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self'; media-src 'self'"],
                     body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    static let html = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>tiktok-ai</title>
    <style>
      :root { color-scheme: light dark; --accent: #fe2c55; --muted: #888; --card: rgba(127,127,127,.09); }
      body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px; }
      header { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
      header h1 { font-size: 20px; margin: 0; }
      #health { font-size: 13px; padding: 2px 8px; border-radius: 10px; background: var(--card); }
      #health.ok { color: #1a7f37; } #health.bad { color: #cf222e; }
      #token { margin-left: auto; }
      section { margin-top: 22px; }
      h2 { font-size: 16px; margin: 0 0 8px; } h2 .count { color: var(--muted); font-weight: normal; }
      .jobs { display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); }
      .job { background: var(--card); border-radius: 8px; padding: 10px; overflow-wrap: anywhere; }
      .job .id { font: 12px ui-monospace, monospace; }
      .job .meta { color: var(--muted); font-size: 12px; }
      .bar { height: 10px; border-radius: 5px; background: rgba(127,127,127,.25); overflow: hidden; margin: 6px 0; }
      .bar > div { height: 100%; background: var(--accent); width: 0; transition: width .3s; }
      .done .media { display: flex; gap: 8px; align-items: flex-start; }
      .done img { width: 72px; aspect-ratio: 9/16; object-fit: cover; border-radius: 4px; cursor: pointer; }
      .done video { width: 100%; aspect-ratio: 9/16; border-radius: 4px; background: #000; }
      .caption { white-space: pre-wrap; font-size: 13px; }
      .error { color: #cf222e; font-size: 13px; white-space: pre-wrap; }
      button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 4px; border: 1px solid var(--muted); background: none; cursor: pointer; }
      .empty { color: var(--muted); font-size: 13px; }
      #notice { position: fixed; bottom: 12px; right: 12px; background: #222; color: #fff; padding: 6px 12px; border-radius: 6px; display: none; }
    </style>
    </head>
    <body>
    <header>
      <h1>tiktok-ai</h1><span id="health">…</span>
      <label id="token">API token <input id="token-input" type="password" size="16" autocomplete="off"></label>
    </header>
    <section><h2>Running <span class="count" id="running-count"></span></h2><div class="jobs" id="running"></div></section>
    <section><h2>Queue <span class="count" id="queued-count"></span></h2><div class="jobs" id="queued"></div></section>
    <section><h2>Failed <span class="count" id="failed-count"></span></h2><div class="jobs" id="failed"></div></section>
    <section><h2>Finished <span class="count" id="done-count"></span></h2><div class="jobs" id="done"></div></section>
    <div id="notice"></div>
    <script>
    "use strict";
    const $ = (id) => document.getElementById(id);
    const streams = new Map();   // job id -> EventSource, for running jobs only
    const details = new Map();   // job id -> GET /api/run/{id} answer, for finished jobs
    const tokenInput = $("token-input");
    tokenInput.value = localStorage.getItem("tiktok-ai-token") || "";
    tokenInput.addEventListener("change", () => localStorage.setItem("tiktok-ai-token", tokenInput.value));

    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attrs || {})) {
        if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value);
      }
      for (const child of children) if (child != null) node.append(child);
      return node;
    }
    function notice(text) { const n = $("notice"); n.textContent = text; n.style.display = "block"; setTimeout(() => n.style.display = "none", 4000); }
    function when(iso) { return iso ? new Date(iso).toLocaleString() : ""; }

    async function api(path, options) {
      const response = await fetch(path, options);
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error || response.statusText);
      return body;
    }
    async function write(path, body) {
      const headers = { "Content-Type": "application/json" };
      if (tokenInput.value) headers.Authorization = "Bearer " + tokenInput.value;
      try {
        await api(path, { method: "POST", headers, body: JSON.stringify(body || {}) });
        refresh();
      } catch (error) { notice(error.message); }
    }

    function bar(progress) { return el("div", { class: "bar" }, el("div", { style: "width:" + progress + "%" })); }

    function runningCard(job) {
      const card = el("div", { class: "job running", "data-job": job.id, "data-progress": job.progress, "data-seen": job.progress },
        el("div", { class: "id" }, job.id),
        el("div", { class: "meta step" }, (job.step || "starting") + " · " + job.progress + "%"),
        bar(job.progress),
        el("button", { onclick: () => write("/api/run/" + job.id + "/cancel") }, "Cancel"));
      follow(job.id, card);
      return card;
    }

    // Progress over the event stream; the card keeps every value it saw in data-seen.
    function follow(id, card) {
      if (streams.has(id)) { streams.get(id).card = card; return; }
      const source = new EventSource("/api/run/" + id + "/stream");
      source.card = card;
      source.addEventListener("progress", (event) => {
        const data = JSON.parse(event.data), target = source.card;
        target.dataset.progress = data.progress;
        target.dataset.seen += "," + data.progress;
        target.querySelector(".bar > div").style.width = data.progress + "%";
        target.querySelector(".step").textContent = (data.step || "") + " · " + data.progress + "%";
      });
      for (const end of ["done", "failed", "canceled"]) source.addEventListener(end, () => { source.close(); streams.delete(id); refresh(); });
      source.onerror = () => { if (source.readyState === EventSource.CLOSED) streams.delete(id); };
      streams.set(id, source);
    }

    function copyButton(label, text) {
      return el("button", { onclick: () => navigator.clipboard.writeText(text).then(() => notice(label + " copied"), () => notice("copy failed")) }, "Copy " + label.toLowerCase());
    }

    function doneCard(job) {
      const card = el("div", { class: "job done", "data-job": job.id },
        el("div", { class: "id" }, job.id), el("div", { class: "meta" }, "finished " + when(job.finishedAt)));
      const media = el("div", { class: "media" });
      const thumbnail = el("img", { alt: "thumbnail of " + job.id, src: "/api/run/" + job.id + "/thumbnail", title: "play" });
      thumbnail.addEventListener("load", () => { card.dataset.loaded = "true"; });
      thumbnail.addEventListener("click", () => {
        thumbnail.replaceWith(el("video", { src: "/api/run/" + job.id + "/video", controls: "", autoplay: "", playsinline: "" }));
      });
      media.append(thumbnail);
      card.append(media);
      const text = el("div", { class: "tiktok" });
      card.append(text);
      const fill = (detail) => {
        const tiktok = detail.tiktok;
        if (!tiktok) return;
        const tags = (tiktok.hashtags || []).map((tag) => tag.startsWith("#") ? tag : "#" + tag).join(" ");
        text.replaceChildren(el("div", { class: "caption" }, tiktok.caption || ""), el("div", { class: "caption hashtags" }, tags),
          copyButton("Caption", tiktok.caption || ""), " ", copyButton("Hashtags", tags));
      };
      if (details.has(job.id)) fill(details.get(job.id));
      else api("/api/run/" + job.id).then((detail) => { details.set(job.id, detail); fill(detail); }, () => {});
      return card;
    }

    function failedCard(job) {
      const error = job.error ? (job.error.step ? job.error.step + ": " : "") + job.error.message : job.state;
      return el("div", { class: "job failed", "data-job": job.id },
        el("div", { class: "id" }, job.id), el("div", { class: "meta" }, job.state + " " + when(job.finishedAt) + " · attempt " + job.attempt),
        el("div", { class: "error" }, error),
        el("button", { class: "retry", onclick: () => write("/api/run/" + job.id + "/retry", {}) }, "Retry"),
        job.error && job.error.step ? " " : null,
        job.error && job.error.step ? el("button", { class: "retry-step", onclick: () => write("/api/run/" + job.id + "/retry", { fromStep: job.error.step }) }, "Retry from " + job.error.step) : null);
    }

    function queuedCard(job) {
      return el("div", { class: "job queued", "data-job": job.id },
        el("div", { class: "id" }, job.id), el("div", { class: "meta" }, "priority " + job.priority + " · queued " + when(job.createdAt)),
        el("button", { onclick: () => write("/api/run/" + job.id + "/cancel") }, "Cancel"));
    }

    // Re-render a list in place, keeping cards whose job is still there (so a running card keeps its stream).
    function show(list, jobs, make, total) {
      $(list + "-count").textContent = "(" + total + ")";
      const box = $(list), keep = new Map([...box.children].filter((c) => c.dataset.job).map((c) => [c.dataset.job, c]));
      const cards = jobs.map((job) => {
        const old = keep.get(job.id);
        if (old && list !== "failed" && list !== "queued") return old;
        return make(job);
      });
      box.replaceChildren(...(cards.length ? cards : [el("div", { class: "empty" }, "none")]));
    }

    async function load(state, limit) {
      const response = await fetch("/api/run?state=" + state + "&limit=" + limit);
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error || response.statusText);
      return { jobs: await response.json(), total: Number(response.headers.get("X-Total-Count") || 0) };
    }

    async function refresh() {
      try {
        const health = await api("/api/health");
        $("health").textContent = "healthy · " + health.version; $("health").className = "ok";
      } catch (error) { $("health").textContent = error.message; $("health").className = "bad"; }
      try {
        const [running, queued, failed, canceled, done] = await Promise.all([
          load("running", 50), load("queued", 50), load("failed", 20), load("canceled", 10), load("done", 24)]);
        show("running", running.jobs, runningCard, running.total);
        show("queued", queued.jobs, queuedCard, queued.total);
        const ended = failed.jobs.concat(canceled.jobs).sort((a, b) => (b.updatedAt || "").localeCompare(a.updatedAt || ""));
        show("failed", ended, failedCard, failed.total + canceled.total);
        show("done", done.jobs, doneCard, done.total);
        for (const [id, source] of streams) if (!running.jobs.some((job) => job.id === id)) { source.close(); streams.delete(id); }
      } catch (error) { notice(error.message); }
    }
    refresh();
    setInterval(refresh, 3000);
    </script>
    </body>
    </html>
    """
}
