-- echo_fds: the data processes read and write, with a header per transfer.
description = "Shows the data read and written through file descriptors, each transfer under a header with its size, fd name and process (reads in red, writes in blue). Add a filter to narrow it down. With -pc, the container name and id are added to the header (green for the host, cyan for containers)."
short_description = "Data read and written by processes"
category = "I/O"
args = {
	{
		name = "disable_color",
		description = "pass 'disable_color' to print without colors",
		argtype = "string",
		optional = true,
	},
}

local text = require "sinspect.text"
local color = require "sinspect.color"

local f = {}
local with_container = false

function on_set_arg(name, val)
	if name == "disable_color" and val == "disable_color" then color.enable(false) end
	return true
end

function on_init()
	f.is_read = chisel.request_field("evt.is_io_read")
	f.res = chisel.request_field("evt.rawarg.res")
	f.name = chisel.request_field("fd.name")
	f.proc = chisel.request_field("proc.name")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
	sysdig.set_snaplen(2000)
	chisel.set_filter("evt.is_io=true and evt.dir=< and evt.rawres>0")
	-- the data itself is printed by the formatter, after the header below
	chisel.set_event_formatter("%evt.arg.data")
	return true
end

function on_event()
	local res = evt.field(f.res)
	if res <= 0 then return true end
	local where = ""
	if with_container then
		local cname = evt.field(f.cname)
		local c = cname == "host" and color.green or color.cyan
		where = c .. " [" .. tostring(cname) .. "] [" .. tostring(evt.field(f.cid)) .. "]"
	end
	local name = evt.field(f.name) or "<NA>"
	local c, verb, prep = color.blue, "Write", "to"
	if evt.field(f.is_read) then c, verb, prep = color.red, "Read", "from" end
	print(c .. "------ " .. verb .. " " .. text.bytes(res) .. " " .. prep .. " " .. where .. " " .. c .. " " .. name .. " (" .. tostring(evt.field(f.proc)) .. ")")
	return true
end

function on_capture_end()
	print(color.reset)
end
