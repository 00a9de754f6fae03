-- wrk script: each request checks in the next delegate code from codes.txt (distinct codes: real writes).
-- Arguments after --: codes file, cookie, CSRF token (the last two empty for the bare endpoint).
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
  if args[2] and args[2] ~= "" then wrk.headers["Cookie"] = args[2] end
  if args[3] and args[3] ~= "" then wrk.headers["X-CSRFToken"] = args[3] end
  counter = id * math.floor(#codes / 2)  -- two wrk threads, each its own half of the codes
end

function request()
  counter = counter + 1
  local code = codes[(counter % #codes) + 1]
  return wrk.format(nil, nil, nil, '{"code":"' .. code .. '","door":"Cua 1"}')
end
