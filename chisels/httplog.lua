-- httplog: one line per HTTP request/response pair.
description = "Prints every HTTP transaction found in socket payloads: time, direction (< received, > sent), method, URL, response code, latency and response size. With -pc, the container name is shown too."
short_description = "Log of HTTP requests"
category = "Application"
args = {}

local http = require "sinspect.http"
local with_container = false

function on_init()
	http.init()
	with_container = sysdig.is_print_container_data()
	return true
end

local function log(t)
	local c = " "
	if with_container then c = " " .. t.container .. " " end
	print(string.format("%s%s%s method=%s url=%s response_code=%d latency=%dms size=%dB",
		http.datetime(), c, t.dir, t.request.method, t.request.url, t.response.code,
		(t.response.ts - t.request.ts) / 1000000, t.response.length))
end

function on_event()
	http.feed(log)
end
