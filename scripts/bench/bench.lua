-- wrk script for `make bench` (see scripts/bench/run.sh). Configured by environment:
--   BENCH_NAME     label printed with the result
--   BENCH_COOKIE   the logged-in session (and CSRF) cookie header, sent with every request
--   BENCH_EXPECT   the status a good answer has (200 for pages, 302 for the POST)
--   BENCH_METHOD   GET (default) or POST
--   BENCH_CSRF     POST only: the form's csrfmiddlewaretoken
--   BENCH_BODY     POST only: the rest of the form (urlencoded); each request gets a fresh entry_id
-- At the end it prints one line: RESULT <name> p50_ms=… p95_ms=… requests=… bad=…
-- A "bad" answer has another status, or (POST) was not saved as a new entry.

local name = os.getenv("BENCH_NAME") or "page"
local method = os.getenv("BENCH_METHOD") or "GET"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local body = os.getenv("BENCH_BODY") or ""

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  counter = 0
  -- Different in every thread and every run: a warm-up run never replays the measured run's ids.
  math.randomseed(os.time() * 1000 + thread_number * 7919 + math.floor(os.clock() * 1e6))
  headers = { ["Cookie"] = cookie }
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

-- A version-4 UUID, unique within the thread (its counter) and across threads and runs (random).
local function fresh_uuid()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-%x%03x-%06x%06x",
    math.random(0, 0x7fffffff), math.random(0, 0xffff), counter % 4096,
    8 + math.random(0, 3), math.random(0, 0xfff),
    math.floor(counter / 4096) % 0x1000000, math.random(0, 0xffffff))
end

function request()
  if method == "POST" then
    local form = "csrfmiddlewaretoken=" .. csrf .. "&entry_id=" .. fresh_uuid() .. "&" .. body
    return wrk.format("POST", nil, headers, form)
  end
  return wrk.format("GET", nil, headers)
end

function response(status, response_headers, response_body)
  if status ~= expect then
    bad = bad + 1
  elseif method == "POST" then
    -- Saved: redirected to the new entry. A replay or an error page would go elsewhere.
    local location = response_headers["Location"] or response_headers["location"] or ""
    if not string.find(location, "/log/repositioning/", 1, true) then
      bad = bad + 1
    end
  end
end

function done(summary, latency, requests)
  local total_bad = 0
  for _, thread in ipairs(threads) do
    total_bad = total_bad + (thread:get("bad") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %s p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d seconds=%.1f bad=%d errors=%d\n",
    name, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, total_bad, errors))
end
