-- Broad searches from the HOSTILE_PATHS list, as an abusive client sends them; counts how many were answered (200)
-- and how many turned away (429).
local threads = {}
local paths = {}
local counter = 0

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  counter = offset or 0
  answered = 0
  refused = 0
end

function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + tonumber(os.getenv("THREADS") or "1")
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 200 then answered = answered + 1 elseif status == 429 then refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("answered")
    r = r + t:get("refused")
  end
  io.write(string.format("HOSTILE %d %d %d %.2f\n", summary.requests, a, r, latency:percentile(50) / 1000))
end
