-- iobytes_file: File bytes read and written per second.
description = "Adds up the bytes read from and written to files and prints the totals once per second of the capture."
short_description = "File bytes read and written per second"
category = "I/O"
args = {}

local f = {}
local bytes_in, bytes_out = 0, 0

function on_init()
	f.res = chisel.request_field("evt.rawarg.res")
	f.time = chisel.request_field("evt.time.s")
	f.is_read = chisel.request_field("evt.is_io_read")
	chisel.set_filter("evt.is_io=true and fd.type=file")
	chisel.set_interval_s(1)
	return true
end

function on_event()
	local n = evt.field(f.res)
	if n ~= nil and n > 0 then
		if evt.field(f.is_read) then bytes_in = bytes_in + n else bytes_out = bytes_out + n end
	end
	return true
end

-- one line per second, stamped with the time of the event that opened the new second
function on_interval()
	print(evt.field(f.time) .. " in:" .. bytes_in .. " out:" .. bytes_out .. " tot:" .. (bytes_in + bytes_out))
	bytes_in, bytes_out = 0, 0
	return true
end
