-- The polling load of bench/http-load.sh, for wrk: every connection asks for /api/run and
-- /api/health in turn, waiting 0.5 to 1.5 s (1 s on average) before each request, so that 200
-- connections make about 200 requests a second, spread out rather than in lockstep.
-- At the end it prints one JSON line: requests, errors (connect, read, write, timeout, non-2xx/3xx),
-- the achieved rate, and latency percentiles in milliseconds (send to last byte of the answer).
local paths = {"/api/run", "/api/health"}
local turn = 0

function init(args)
  math.randomseed(os.time())
end

function request()
  turn = turn + 1
  return wrk.format("GET", paths[turn % #paths + 1])
end

function delay()
  return math.random(500, 1500)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"seconds":%.1f,"requests":%d,"errors":%d,"rate":%.1f,' ..
    '"latencyMs":{"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f}}\n',
    seconds, summary.requests,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
