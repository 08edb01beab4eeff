-- stdout: what processes write to their standard output.
description = "Prints the bytes every process writes to its standard output (fd 1). Add a filter to follow a single process or pid."
short_description = "Standard output of processes"
category = "I/O"
args = {}

local data

function on_init()
	data = chisel.request_field("evt.rawarg.data")
	sysdig.set_snaplen(2000)
	chisel.set_filter("fd.num=1 and evt.is_io=true")
	return true
end

function on_event()
	local buf = evt.field(data)
	if buf ~= nil then print(buf) end
	return true
end
