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

local text = require "sinspect.text"
local screen = require "sinspect.screen"
local http = require "sinspect.http"

local COLUMN = 20
local SEP = "\001\001"
local by = "ncalls"
local units = { ncalls = "none", time = "time", bytes = "bytes" }
local with_container = false
local live = false
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

function on_capture_start()
	live = sysdig.is_live()
	if live then
		chisel.set_interval_s(1)
		screen.clear()
		screen.hide_cursor()
	end
	return true
end

function on_event()
	http.feed(function(t)
		local key = t.request.method .. SEP .. t.request.url
		if with_container then key = t.container .. SEP .. key end
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
	local header = text.pad(by, COLUMN)
	if with_container then header = header .. text.pad("container", COLUMN) end
	print(header .. text.pad("method", COLUMN) .. text.pad("url", COLUMN))
	print(string.rep("-", 80))
	local keys = text.sorted_keys(values, function(a, b) return values[a] > values[b] end)
	for i, k in ipairs(keys) do
		if i > 30 then break end
		local v = values[k]
		local shown
		if units[by] == "bytes" then shown = text.bytes(v)
		elseif units[by] == "time" then shown = text.duration(v)
		else shown = tostring(v) end
		local parts = text.split(k, SEP)
		local line = text.pad(shown, COLUMN)
		for j, p in ipairs(parts) do
			if j < #parts then line = line .. text.pad(p, COLUMN) else line = line .. p end
		end
		print(line)
	end
end

function on_interval()
	screen.clear()
	screen.home()
	show()
	groups = {}
	return true
end

function on_capture_end()
	if live then
		screen.clear()
		screen.home()
		screen.show_cursor()
		return true
	end
	show()
	return true
end
