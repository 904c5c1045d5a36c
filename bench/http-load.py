#!/usr/bin/python3
"""A bounded polling load on the HTTP API: CLIENTS keep-alive connections, each asking for
/api/run and /api/health in turn every INTERVAL seconds, for DURATION seconds.

usage: http-load.py PORT [--clients 200] [--interval 1.0] [--duration 30] [--host 127.0.0.1]

Prints one JSON object: requests, errors (non-200 answers, resets, timeouts), the achieved rate,
and latency percentiles (ms) overall and per path. Standard library only (asyncio streams).
"""
import argparse, asyncio, json, random, time


async def client(host, port, interval, stop_at, paths, record):
    reader = writer = None
    step = random.random() * interval  # spread the clients over the interval
    next_at = time.monotonic() + step
    turn = random.randrange(len(paths))
    while True:
        now = time.monotonic()
        if next_at > now:
            await asyncio.sleep(next_at - now)
        if time.monotonic() >= stop_at:
            break
        path = paths[turn % len(paths)]
        turn += 1
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: http-load\r\n\r\n".encode())
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await asyncio.wait_for(reader.readexactly(length), 5)
            record(path, (time.monotonic() - started) * 1000, status == 200)
        except Exception:
            record(path, (time.monotonic() - started) * 1000, False)
            if writer is not None:
                writer.close()
            reader = writer = None
        next_at += interval
    if writer is not None:
        writer.close()


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 2)


def summary(values):
    return {"count": len(values), "p50": percentile(values, 0.50), "p90": percentile(values, 0.90),
            "p99": percentile(values, 0.99), "max": round(max(values), 2) if values else None}


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=30)
    options = parser.parse_args()
    paths = ["/api/run", "/api/health"]
    latencies = {path: [] for path in paths}
    errors = {"count": 0}

    def record(path, milliseconds, ok):
        latencies[path].append(milliseconds)
        if not ok:
            errors["count"] += 1

    began = time.monotonic()
    stop_at = began + options.duration
    await asyncio.gather(*(client(options.host, options.port, options.interval, stop_at, paths, record)
                           for _ in range(options.clients)))
    elapsed = time.monotonic() - began
    every = [value for values in latencies.values() for value in values]
    print(json.dumps({"clients": options.clients, "interval": options.interval, "seconds": round(elapsed, 1),
                      "requests": len(every), "errors": errors["count"], "rate": round(len(every) / elapsed, 1),
                      "latencyMs": summary(every), "byPath": {path: summary(values) for path, values in latencies.items()}}))


asyncio.run(main())
