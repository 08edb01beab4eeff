-- fdcount_by: how many distinct fds each key used.
description = "Groups the file descriptors seen in the capture by the value of the given field and prints, per key, how many distinct fds it used, most first. For example by proc.name for connections per process, or by fd.sip for connections per server address."
short_description = "Count of fds grouped by any field"
category = "I/O"
args = {
	{
		name = "key",
		description = "the field to group by, e.g. proc.name",
		argtype = "string",
	},
}

local text = require "sinspect.text"

local key_name
local f = {}
-- key -> { fds = set of "<num><name>", n = size of that set }
local groups = {}

function on_set_arg(name, val)
	if name ~= "key" then return false end
	key_name = val
	return true
end

function on_init()
	f.key = chisel.request_field(key_name)
	f.num = chisel.request_field("fd.num")
	f.name = chisel.request_field("fd.name")
	return true
end

function on_event()
	local key = evt.field(f.key)
	local num = evt.field(f.num)
	local name = evt.field(f.name)
	if key == nil or num == nil or num <= 0 or name == nil or name == "" then return true end
	local g = groups[key]
	if g == nil then
		g = { fds = {}, n = 0 }
		groups[key] = g
	end
	local id = tostring(num) .. name
	if not g.fds[id] then
		g.fds[id] = true
		g.n = g.n + 1
	end
	return true
end

function on_capture_end()
	local keys = text.sorted_keys(groups, function(a, b) return groups[a].n > groups[b].n end)
	for _, k in ipairs(keys) do print(k, groups[k].n) end
	return true
end
