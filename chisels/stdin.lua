-- stdin: what processes read from their standard input.
description = "Prints the bytes every process reads from its standard input (fd 0). Add a filter to follow a single process or pid."
short_description = "Standard input of processes"
category = "I/O"
args = {}

local data

function on_init()
	data = chisel.request_field("evt.rawarg.data")
	sysdig.set_snaplen(2000)
	chisel.set_filter("fd.num=0 and evt.is_io=true")
	return true
end

function on_event()
	local buf = evt.field(data)
	if buf ~= nil then print(buf) end
	return true
end
