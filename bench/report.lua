-- wrk: print requests a second, latency percentiles and errors as one JSON line.
-- Requests are set by environment: WRK_METHOD, and WRK_COOKIES and WRK_BODIES, one
-- per line, taken in turn (each line is one visitor: a session and its form's token).
local method = os.getenv("WRK_METHOD") or "GET"

local function lines(name)
  local found = {}
  for line in string.gmatch(os.getenv(name) or "", "[^\n]+") do
    table.insert(found, line)
  end
  return found
end

local cookies = lines("WRK_COOKIES")
local bodies = lines("WRK_BODIES")
local turn = 0

request = function()
  turn = turn + 1
  local headers = {["X-Forwarded-Proto"] = "https", ["Host"] = "127.0.0.1"}
  if #cookies > 0 then headers["Cookie"] = cookies[(turn % #cookies) + 1] end
  local body = nil
  if #bodies > 0 then
    body = bodies[(turn % #bodies) + 1]
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Referer"] = "https://127.0.0.1/"
  end
  return wrk.format(method, nil, headers, body)
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
