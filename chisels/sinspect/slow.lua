-- The "slower than N ms" tracers (scallslower, fileslower, netlower): one line per
-- completed call whose latency is above the threshold, green for host processes and
-- blue for container processes.
local color = require "sinspect.color"

local slow = {}

-- the arguments of every such chisel, read by set_arg below
slow.ARGS = {
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

local min_ms
local f = {}
local with_container = false

local function set_arg(name, val)
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

-- the fields every tracer prints; the container's only with -pc
local function request_fields()
	f.type = chisel.request_field("evt.type")
	f.time = chisel.request_field("evt.datetime")
	f.proc = chisel.request_field("proc.name")
	f.latency = chisel.request_field("evt.latency")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
end

local function line_color()
	if evt.field(f.cname) ~= "host" then return color.blue end
	return color.green
end

-- Every system call, its latency as a plain number of milliseconds (0.000653, 12, 1.5).
function slow.install_syscalls()
	on_set_arg = set_arg

	function on_init()
		request_fields()
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
		local ms = lat / 1000000
		if not (ms > min_ms) then return end
		local c = line_color()
		if with_container then
			print(c .. string.format("%-23.23s %-20.20s %-20.20s %-23.23s %-20s %s", evt.field(f.time), evt.field(f.cid),
				evt.field(f.cname), evt.field(f.proc), tostring(ms), evt.field(f.type)))
		else
			print(c .. string.format("%-23.23s %-23.23s %-20s %s", evt.field(f.time), evt.field(f.proc), tostring(ms), evt.field(f.type)))
		end
	end
end

local function io_row(a, b, c, d, e, g, h)
	if with_container then
		return string.format("%-23.23s %-20.20s %-20.20s %-12.12s %-8s %-12s %s", a, b, c, d, e, g, h)
	end
	return string.format("%-23.23s %-12.12s %-8s %-12s %s", a, d, e, g, h)
end

-- The I/O calls that pass spec.filter, with their fd, the latency in whole milliseconds.
-- spec: filter, skip_dev (leave out /dev/ files)
function slow.install_io(spec)
	on_set_arg = set_arg

	function on_init()
		request_fields()
		f.dir = chisel.request_field("evt.dir")
		f.fd = chisel.request_field("fd.name")
		chisel.set_filter(spec.filter)
		print(io_row("evt.datetime", "container.id", "container.name", "proc.name", "evt.type", "LATENCY(ms)", "fd.name"))
		print(io_row(string.rep("-", 23), string.rep("-", 30), string.rep("-", 30), string.rep("-", 12),
			string.rep("-", 8), string.rep("-", 12), string.rep("-", 41)))
		return true
	end

	function on_event()
		local ms = evt.field(f.latency) / 1000000
		local name = evt.field(f.fd)
		if evt.field(f.dir) ~= "<" or not (ms > min_ms) then return true end
		if spec.skip_dev and string.sub(name, 1, 5) == "/dev/" then return true end
		local c = line_color()
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
