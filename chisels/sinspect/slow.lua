-- The "slower than N ms" tracers (fileslower, netlower): one line per completed I/O call
-- whose latency is above the threshold.
local color = require "sinspect.color"

local slow = {}

local function row(with_container, a, b, c, d, e, f, g)
	if with_container then
		return string.format("%-23.23s %-20.20s %-20.20s %-12.12s %-8s %-12s %s", a, b, c, d, e, f, g)
	end
	return string.format("%-23.23s %-12.12s %-8s %-12s %s", a, d, e, f, g)
end

-- spec: filter, skip_dev (leave out /dev/ files)
function slow.install_io(spec)
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
		f.dir = chisel.request_field("evt.dir")
		f.time = chisel.request_field("evt.datetime")
		f.fd = chisel.request_field("fd.name")
		f.proc = chisel.request_field("proc.name")
		f.latency = chisel.request_field("evt.latency")
		f.cname = chisel.request_field("container.name")
		f.cid = chisel.request_field("container.id")
		with_container = sysdig.is_print_container_data()
		chisel.set_filter(spec.filter)
		print(row(with_container, "evt.datetime", "container.id", "container.name", "proc.name", "evt.type", "LATENCY(ms)", "fd.name"))
		print(row(with_container, string.rep("-", 23), string.rep("-", 30), string.rep("-", 30), string.rep("-", 12),
			string.rep("-", 8), string.rep("-", 12), string.rep("-", 41)))
		return true
	end

	function on_event()
		local ms = evt.field(f.latency) / 1000000
		local name = evt.field(f.fd)
		if evt.field(f.dir) ~= "<" or not (ms > min_ms) then return true end
		if spec.skip_dev and string.sub(name, 1, 5) == "/dev/" then return true end
		local c = color.green
		if evt.field(f.cname) ~= "host" then c = color.blue end
		-- the latency column is whole milliseconds, right-aligned
		local lat = string.format("%12d", ms)
		local line
		if with_container then
			line = string.format("%-23.23s %-20.20s %-20.20s %-12.12s %-8s %s %s", evt.field(f.time), evt.field(f.cid),
				evt.field(f.cname), evt.field(f.proc), evt.field(f.type), lat, name)
		else
			line = string.format("%-23.23s %-12.12s %-8s %s %s", evt.field(f.time), evt.field(f.proc), evt.field(f.type), lat, name)
		end
		print(c .. line)
		return true
	end
end

return slow
