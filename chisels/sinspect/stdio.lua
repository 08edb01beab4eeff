-- The chisels that print what goes through a standard fd (stdin, stdout): the data of
-- every I/O event on fd number `fd`, as it is.
local stdio = {}

function stdio.install(fd)
	local data

	function on_init()
		data = chisel.request_field("evt.rawarg.data")
		sysdig.set_snaplen(2000)
		chisel.set_filter("fd.num=" .. fd .. " and evt.is_io=true")
		return true
	end

	function on_event()
		local buf = evt.field(data)
		if buf ~= nil then print(buf) end
		return true
	end
end

return stdio
