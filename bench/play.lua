-- wrk script for bench/play: children playing the game at /play.
--
--   wrk ... -s bench/play.lua http://127.0.0.1:PORT -- band/id?step ...
--
-- Each argument is one scenario step, e.g. "u9/u9-where-i-live?start";
-- a first argument "pages" leaves the answers out (to compare with nginx
-- serving the same pages).
-- Requests alternate a scenario page (GET /play/<band>/<id>, with
-- ?step=<step> for the 13-18 chat stories) and an answer to it (POST
-- /play/<band>/<id>, step=<step>&choice=a), through every step with
-- choice a, then again with choice b, and round again.  The answer is
-- posted as a browser posts the form: url-encoded, with an Origin that
-- matches the Host.
--
-- wrk's request() is told nothing about the connection it fills, so the
-- alternation is kept per wrk thread: the thread's connections share one
-- sequence, and half of all requests are pages and half answers.
--
-- done() prints "result NAME VALUE" lines for bench/play: requests,
-- seconds, p50 and p99 in microseconds, answers sent, the count of each
-- HTTP status and wrk's socket errors.

local threads = {}

-- main thread: remember each thread so that done() can read its counts
function setup(thread)
    thread:set("thread_index", #threads)
    table.insert(threads, thread)
end

-- each thread: the sequence of requests, built once
local seq = {}
local pos = 0
counts = {} -- status -> responses
answers = 0 -- answers sent

function init(args)
    local host = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
    local form = {
        ["Host"] = host,
        ["Origin"] = "http://" .. host,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    local page_headers = { ["Host"] = host }
    local pages_only = args[1] == "pages"
    for _, choice in ipairs({ "a", "b" }) do
        for i, arg in ipairs(args) do
          if not (pages_only and i == 1) then
            local band, scenario, step = arg:match("^([^/]+)/([^?]+)%?(.+)$")
            if not band then
                error("bench/play.lua: not band/id?step: " .. arg)
            end
            local path = "/play/" .. band .. "/" .. scenario
            local page = path
            if band == "13-18" then
                page = path .. "?step=" .. step
            end
            table.insert(seq, { get = wrk.format("GET", page, page_headers) })
            if not pages_only then
                table.insert(seq, { post = wrk.format("POST", path, form, "step=" .. step .. "&choice=" .. choice) })
            end
          end
        end
    end
    if #seq == 0 then
        error("bench/play.lua: no scenario steps given")
    end
    -- each thread starts on a different scenario (on a page: pos is even,
    -- or every request is a page)
    pos = 2 * thread_index % #seq
end

function request()
    pos = pos % #seq + 1
    local r = seq[pos]
    if r.post then
        answers = answers + 1
        return r.post
    end
    return r.get
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
    local sent, statuses = 0, {}
    for _, thread in ipairs(threads) do
        sent = sent + thread:get("answers")
        for status, n in pairs(thread:get("counts")) do
            statuses[status] = (statuses[status] or 0) + n
        end
    end
    out("answers", sent)
    for status, n in pairs(statuses) do
        out("status_" .. status, n)
    end
    for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do
        out("socket_" .. kind, summary.errors[kind])
    end
end
