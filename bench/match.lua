-- POSTs a different event to /api/match with every request: the lines of $EVENTS (one JSON event each), each wrk
-- thread taking its own share. Counts the answers that are not 200.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  events = {}
  local i = 0
  for line in io.lines(os.getenv("EVENTS")) do
    if i % tonumber(os.getenv("THREADS") or "2") == id then
      table.insert(events, line)
    end
    i = i + 1
  end
  n = 0
  bad = 0
end

function request()
  n = n + 1
  local body = events[(n - 1) % #events + 1]
  return wrk.format("POST", "/api/match", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bads = 0
  for _, t in ipairs(threads) do
    bads = bads + t:get("bad")
  end
  io.write(string.format("RESULT %.0f %.1f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, bads))
end
