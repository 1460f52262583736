-- wrk: print requests a second, latency percentiles and errors as one JSON line.
-- Requests are set by environment: WRK_METHOD, WRK_BODY, WRK_COOKIE, WRK_CSRF.
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local cookie = os.getenv("WRK_COOKIE")
local csrf = os.getenv("WRK_CSRF")

wrk.method = method
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Host"] = "127.0.0.1"
if cookie then wrk.headers["Cookie"] = cookie end
if body then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Referer"] = "https://127.0.0.1/"
end
if csrf then wrk.headers["X-CSRFToken"] = csrf end

local bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "requests": %d, "errors": %d, "bad_status": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
