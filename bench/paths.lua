-- Walks the request paths listed in the file named by the PATHS environment variable, one per line. Each wrk thread
-- takes its own share (thread i asks paths i, i+T, i+2T, ...), so two threads never ask the same path in one pass.
-- Counts answers served from a cache (X-Page-Cache: hit, "cached":true), answered (200) and turned away (429).
local threads = {}
local paths = {}
local counter = 0
local stride = 1

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  counter = offset or 0
  stride = tonumber(os.getenv("THREADS") or "2")
  -- ACCEPT_ENCODING=gzip asks as browsers do: pages then travel gzipped (compressed once, in the page cache).
  local encoding = os.getenv("ACCEPT_ENCODING")
  headers = encoding and encoding ~= "" and { ["Accept-Encoding"] = encoding } or nil
  hits = 0
  answered = 0
  refused = 0
end

function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + stride
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status == 200 then answered = answered + 1 elseif status == 429 then refused = refused + 1 end
  if headers["X-Page-Cache"] == "hit" or (body and string.sub(body, 1, 14) == '{"cached":true') then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local h, a, r = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    a = a + (t:get("answered") or 0)
    r = r + (t:get("refused") or 0)
  end
  io.write(string.format("RESULT %d %d %.1f %.2f %.2f %.2f %.2f %d %d %d\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, h, a, r))
end
