-- spy_file: reads and writes on files, with their data.
description = "Shows every read and write on files with its time, process, direction, size, file and data. Terminals (/dev/pts, /dev/tty) are left out unless a file name is given."
short_description = "Reads and writes on files, with their data"
category = "I/O"
args = {
	{
		name = "read_or_write",
		description = "R for reads only, W for writes only, RW (the default) for both",
		argtype = "string",
		optional = true,
	},
	{
		name = "spy_on_file_name",
		description = "only this file",
		argtype = "string",
		optional = true,
	},
}

local text = require "sinspect.text"

local only_file
local direction
local f = {}

function on_set_arg(name, val)
	if name == "read_or_write" then
		direction = val
		return true
	elseif name == "spy_on_file_name" then
		only_file = val
		return true
	end
	return false
end

function on_init()
	f.data = chisel.request_field("evt.arg.data")
	f.name = chisel.request_field("fd.name")
	f.is_write = chisel.request_field("evt.is_io_write")
	f.pid = chisel.request_field("proc.pid")
	f.proc = chisel.request_field("proc.name")
	f.res = chisel.request_field("evt.rawarg.res")
	f.time = chisel.request_field("evt.time")
	sysdig.set_snaplen(2000)
	-- data shown as printable text and line breaks only
	sysdig.set_output_format("ascii")

	local parts = {}
	if only_file ~= nil and only_file ~= "" then
		parts[#parts + 1] = "(fd.name=" .. only_file .. ")"
	else
		parts[#parts + 1] = "(not fd.name contains /dev/pt and not fd.name contains /dev/tty)"
	end
	if direction == "R" or direction == "r" then
		parts[#parts + 1] = "evt.is_io_read=true"
	elseif direction == "W" or direction == "w" then
		parts[#parts + 1] = "evt.is_io_write=true"
	else
		parts[#parts + 1] = "evt.is_io=true"
	end
	parts[#parts + 1] = "fd.type=file and evt.dir=< and evt.failed=false"
	chisel.set_filter(table.concat(parts, " and "))
	return true
end

function on_event()
	local rw = evt.field(f.is_write) == true and "W" or "R"
	print(string.format("%s %s(%s) %s %s %s %s",
		evt.field(f.time), evt.field(f.proc), evt.field(f.pid), rw,
		text.bytes(evt.field(f.res)), evt.field(f.name), evt.field(f.data)))
	return true
end
