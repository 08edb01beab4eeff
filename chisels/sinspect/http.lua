-- HTTP transactions from socket payloads: a request seen on a (pid, fd) opens a
-- transaction; the next payload on the same pair that parses as a response closes it.
local http = {}

local f = {}
local open = {}

function http.init()
	chisel.set_filter("evt.is_io = true and evt.buflen > 0 and (fd.sockfamily = ip or fd.sockfamily = unix)")
	f.buf = chisel.request_field("evt.buffer")
	f.fd = chisel.request_field("fd.num")
	f.pid = chisel.request_field("proc.pid")
	f.rawtime = chisel.request_field("evt.rawtime")
	f.datetime = chisel.request_field("evt.datetime")
	f.dir = chisel.request_field("evt.io_dir")
	f.container = chisel.request_field("container.name")
	sysdig.set_snaplen(1024)
end

-- evt.datetime of the current event
function http.datetime() return evt.field(f.datetime) end

local function request(buf)
	local method, url = string.match(buf, "^(%u+) (%g+)")
	if not (method and url) then return nil end
	-- payloads are rendered with line breaks as '..'
	local host = string.match(buf, "Host: (%g+)%.%.")
	if host then url = host .. url end
	return { method = method, url = url }
end

local function response(buf)
	local code = string.match(buf, "HTTP/[%g]+ (%d+)")
	if not code then return nil end
	local length = string.match(buf, "Content%-Length: (%d+)%.%.") or 0
	return { code = tonumber(code), length = tonumber(length) }
end

-- Feed the current event; calls done(transaction) when one completes. A transaction has
-- request {method, url, ts}, response {code, length, ts}, dir ("<" read, ">" written) and
-- container.
function http.feed(done)
	local buf = evt.field(f.buf)
	local key = string.format("%d\001\001%d", evt.field(f.pid), evt.field(f.fd))
	local ts = evt.field(f.rawtime)
	local t = open[key]
	if not t then
		local req = request(buf)
		if req then
			local io_dir = evt.field(f.dir)
			local dir = "<NA>"
			if io_dir == "read" then dir = "<" elseif io_dir == "write" then dir = ">" end
			req.ts = ts
			open[key] = { request = req, dir = dir, container = evt.field(f.container) }
		end
	else
		local resp = response(buf)
		if resp then
			resp.ts = ts
			t.response = resp
			done(t)
			open[key] = nil
		end
	end
end

return http
