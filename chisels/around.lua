-- around: save the events of the same thread around each match of the filter.
description = "For every event matching the capture filter, prints it and then writes the events of the same thread within a time range around it to a file (a second run over the capture). Example: -c around failed.scap evt.type=open and evt.failed=true."
short_description = "Save the events around filter matches to a file"
category = "Misc"
args = {
	{
		name = "dump_file_name",
		description = "the capture file to write",
		argtype = "string",
		optional = false,
	},
	{
		name = "dump_range_ms",
		description = "milliseconds kept before and after each match (default 1000)",
		argtype = "int",
		optional = true,
	},
}

local screen = require "sinspect.screen"

local out_file
local range_ms = "1000"
local matches = {}
local started = false
local tty = false
local f = {}

function on_set_arg(name, val)
	if name == "dump_file_name" then
		out_file = val
		return true
	elseif name == "dump_range_ms" then
		range_ms = val
		return true
	end
	return false
end

function on_init()
	f.proc = chisel.request_field("proc.name")
	f.tid = chisel.request_field("thread.tid")
	f.time = chisel.request_field("evt.time")
	tty = sysdig.is_tty()
	if sysdig.get_filter() == "" then
		print("no filter specified")
		return false
	end
	return true
end

function on_capture_start()
	if sysdig.is_live() then
		print("live capture not supported")
		return false
	end
	started = true
	return true
end

function on_event()
	local tid = evt.field(f.tid)
	print(evt.field(f.time) .. " " .. (evt.field(f.proc) or "<NA>") .. "(" .. tid .. ")")
	local s, ns = evt.get_ts()
	matches[#matches + 1] = { s = s, ns = ns, tid = tid }
	return true
end

function on_capture_end()
	if tty then print(screen.RESET) end
	if not started then return end
	local terms = {}
	for i, m in ipairs(matches) do
		terms[i] = "(evt.around[" .. string.format("%u%.9u", m.s, m.ns) .. "]=" .. range_ms .. " and thread.tid=" .. m.tid .. ")"
	end
	print("\nSaving events around " .. #matches .. " syslog entries to " .. out_file)
	sysdig.run_app("-F -r" .. sysdig.get_evtsource_name() .. " -w" .. out_file .. " " .. table.concat(terms, " or "))
end
