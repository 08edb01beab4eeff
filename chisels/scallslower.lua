-- scallslower: system calls slower than a threshold.
description = "Traces every system call that took longer than the given number of milliseconds (0 for all of them), with its latency in milliseconds. Lines are green for host processes and blue for container processes; with -pc, container id and name are shown too."
short_description = "System calls slower than a threshold"
category = "Performance"
args = {
	{
		name = "min_ms",
		description = "show calls slower than this many milliseconds",
		argtype = "int",
		optional = false,
	},
	{
		name = "disable_color",
		description = "pass 'disable_color' to print without colors",
		argtype = "string",
		optional = true,
	},
}

local color = require "sinspect.color"

local min_ms
local f = {}
local with_container = false

function on_set_arg(name, val)
	if name == "disable_color" and val == "disable_color" then
		color.enable(false)
	elseif name == "min_ms" then
		min_ms = tonumber(val)
		if min_ms == nil then
			print("Input min_ms must be a number.")
			os.exit()
		end
	end
	return true
end

function on_init()
	f.type = chisel.request_field("evt.type")
	f.time = chisel.request_field("evt.datetime")
	f.proc = chisel.request_field("proc.name")
	f.latency = chisel.request_field("evt.latency")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
	local dash = string.rep("-", 20)
	if with_container then
		-- (sysdig's header has two spaces before container.name)
		print(string.format("%-23.23s %-20.20s  %-20.20s %-23.23s %-20s %s", "evt.datetime", "container.id", "container.name", "proc.name", "LATENCY(ms)", "evt.type"))
		print(string.format("%-23.23s %-20.20s %-20.20s %-23.23s %-20s %s", string.rep("-", 23), dash, dash, string.rep("-", 23), dash, dash))
	else
		print(string.format("%-23.23s %-23.23s %-20s %s", "evt.datetime", "proc.name", "LATENCY(ms)", "evt.type"))
		print(string.format("%-23.23s %-23.23s %-20s %s", string.rep("-", 23), string.rep("-", 23), dash, dash))
	end
	return true
end

function on_event()
	local lat = evt.field(f.latency)
	if lat == nil then return end
	-- milliseconds as a plain number: 0.000653, 12, 1.5
	local ms = lat / 1000000
	if not (ms > min_ms) then return end
	local c = color.green
	if evt.field(f.cname) ~= "host" then c = color.blue end
	if with_container then
		print(c .. string.format("%-23.23s %-20.20s %-20.20s %-23.23s %-20s %s", evt.field(f.time), evt.field(f.cid),
			evt.field(f.cname), evt.field(f.proc), tostring(ms), evt.field(f.type)))
	else
		print(c .. string.format("%-23.23s %-23.23s %-20s %s", evt.field(f.time), evt.field(f.proc), tostring(ms), evt.field(f.type)))
	end
end
