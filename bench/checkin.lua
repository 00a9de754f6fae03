-- wrk script: each request checks in the next delegate code from codes.txt (distinct codes: real writes).
-- Arguments after --: codes file, first code (0-based), how many codes, cookie, CSRF token
-- (the last two empty for the bare endpoint).
local codes = {}
local counter = 0
local thread_index = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_index)
  thread_index = thread_index + 1
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do codes[#codes + 1] = line end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["User-Agent"] = "kiosk-bench-tablet"  -- as signed in: the session stays as it is
  first, count = tonumber(args[2]), tonumber(args[3])
  if args[4] and args[4] ~= "" then wrk.headers["Cookie"] = args[4] end
  if args[5] and args[5] ~= "" then wrk.headers["X-CSRFToken"] = args[5] end
  counter = id * math.floor(count / 2)  -- two wrk threads, each its own half of the round's codes
end

function request()
  local code = codes[first + (counter % count) + 1]
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. code .. '","door":"Cua 1"}')
end

-- Which answers were not 200: counted per thread, printed once at the end ("status 503: 12").
local watched = {400, 401, 403, 404, 409, 429, 500, 502, 503, 504}
for _, code in ipairs(watched) do _G["status_" .. code] = 0 end

function response(status, headers, body)
  if status ~= 200 then
    local name = "status_" .. status
    _G[name] = (_G[name] or 0) + 1
  end
end

function done(summary, latency, requests)
  for _, code in ipairs(watched) do
    local total = 0
    for _, thread in ipairs(threads) do total = total + (thread:get("status_" .. code) or 0) end
    if total > 0 then io.write(string.format("status %d: %d\n", code, total)) end
  end
end
