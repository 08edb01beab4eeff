-- stderr: what processes write to their standard error.
description = "Prints the bytes every process writes to its standard error (fd 2). Add a filter to follow a single process or pid. With -pc, each chunk is prefixed by container id and name (blue for containers, green for the host)."
short_description = "Standard error of processes"
category = "I/O"
args = {
	{
		name = "disable_color",
		description = "pass 'disable_color' to print without colors",
		argtype = "string",
		optional = true,
	},
}

local color = require "sinspect.color"

local f = {}
local with_container = false

function on_set_arg(name, val)
	if name == "disable_color" and val == "disable_color" then
		color.enable(false)
		return true
	end
	return false
end

function on_init()
	f.data = chisel.request_field("evt.rawarg.data")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
	sysdig.set_snaplen(2000)
	chisel.set_filter("fd.num=2 and evt.is_io=true")
	return true
end

function on_event()
	local buf = evt.field(f.data)
	if buf == nil then return true end
	if with_container then
		local cname = evt.field(f.cname)
		local c = cname ~= "host" and color.blue or color.green
		print(c .. string.format("%-20.20s %-20.20s %s", evt.field(f.cid), cname, buf))
	else
		print(buf)
	end
	return true
end
