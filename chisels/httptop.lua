-- httptop: the most frequent, slowest or largest HTTP requests.
description = "Groups the HTTP transactions found in socket payloads by method and URL and shows the top 30 by number of calls (default), average time or response bytes. In live captures the table is redrawn every second. With -pc, the container is a key too."
short_description = "Top HTTP requests"
category = "Application"
args = {
	{
		name = "by",
		description = "ncalls (default), time or bytes",
		argtype = "string",
		optional = true,
	},
}

local top = require "sinspect.top"
local http = require "sinspect.http"

local by = "ncalls"
local units = { ncalls = "none", time = "time", bytes = "bytes" }
local with_container = false
-- key -> list of transactions
local groups = {}

function on_set_arg(name, val)
	if name ~= "by" then return nil end
	if units[val] == nil then
		print("Invalid argument! Valid options: ncalls, bytes, time")
		return false
	end
	by = val
	return true
end

function on_init()
	http.init()
	with_container = sysdig.is_print_container_data()
	return true
end

function on_event()
	http.feed(function(t)
		local key = t.request.method .. top.SEP .. t.request.url
		if with_container then key = t.container .. top.SEP .. key end
		local g = groups[key]
		if not g then
			g = {}
			groups[key] = g
		end
		g[#g + 1] = t
	end)
end

local function score(list)
	if by == "ncalls" then return #list end
	local sum = 0
	for _, t in ipairs(list) do
		if by == "bytes" then sum = sum + t.response.length else sum = sum + t.response.ts - t.request.ts end
	end
	if by == "time" then return sum / #list end
	return sum
end

local function show()
	local values = {}
	for k, list in pairs(groups) do values[k] = score(list) end
	local headers = { "method", "url" }
	if with_container then headers = { "container", "method", "url" } end
	top.print_table({ value_header = by, headers = headers, units = units[by], limit = 30 }, values)
end

top.install_display(show, function() groups = {} end)
