-- wrk script for bench/library: searches of the guidelines.
--
--   wrk ... -s bench/library.lua http://127.0.0.1:PORT -- PATH ...
--
-- Each argument is a search path ("/library/search?q=grooming&in=en");
-- each thread goes round them, starting at a different one.  done()
-- prints "result NAME VALUE" lines: requests, seconds, p50 and p99 in
-- microseconds, the count of each HTTP status and wrk's socket errors.

local threads = {}

function setup(thread)
    thread:set("thread_index", #threads)
    table.insert(threads, thread)
end

local seq = {}
local pos = 0
counts = {}

function init(args)
    local headers = { ["Host"] = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port) }
    for _, p in ipairs(args) do
        table.insert(seq, wrk.format("GET", p, headers))
    end
    if #seq == 0 then
        error("bench/library.lua: no search path given")
    end
    pos = thread_index % #seq
end

function request()
    pos = pos % #seq + 1
    return seq[pos]
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local function out(name, value)
        io.write(string.format("result %s %s\n", name, tostring(value)))
    end
    out("requests", summary.requests)
    out("seconds", string.format("%.3f", summary.duration / 1e6))
    out("p50_us", latency:percentile(50))
    out("p99_us", latency:percentile(99))
    local statuses = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("counts")) do
            statuses[status] = (statuses[status] or 0) + n
        end
    end
    for status, n in pairs(statuses) do
        out("status_" .. status, n)
    end
    for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do
        out("socket_" .. kind, summary.errors[kind])
    end
end
