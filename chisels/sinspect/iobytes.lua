-- The bytes-per-second chisels (iobytes, iobytes_file, iobytes_net): add up the bytes
-- read and written by the I/O events that pass `filter`, and print the totals once per
-- second of the capture.
local iobytes = {}

function iobytes.install(filter)
	local f = {}
	local bytes_in, bytes_out = 0, 0

	function on_init()
		f.res = chisel.request_field("evt.rawarg.res")
		f.time = chisel.request_field("evt.time.s")
		f.is_read = chisel.request_field("evt.is_io_read")
		chisel.set_filter(filter)
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
end

return iobytes
