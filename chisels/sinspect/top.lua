-- "Top N" tables: add a value per key (one or more fields) over the capture, then print
-- the largest first. In live captures the table is printed and reset every second.
--
--   require("sinspect.top").install{
--     keys = {"fd.name"}, headers = {"Filename"},
--     value = "evt.rawarg.res", value_header = "Bytes", units = "bytes",
--     filter = "fd.type=file and evt.is_io=true", limit = 10,
--     -- with -pc: other keys and headers
--     container_keys = {...}, container_headers = {...},
--   }
--
-- group = top.BY_FILE (BY_PROCESS, BY_SYSCALL) stands for the four key lists.
-- units: "bytes", "time" (ns), "timepct" (share of the capture's duration), "none".
-- value_scale multiplies each value; keep_zero also counts values that are 0 (or missing).
-- Events are added up by sinspect.engine's top_aggregator (TypeScript), not in Lua.
local text = require "sinspect.text"
local screen = require "sinspect.screen"
local engine = require "sinspect.engine"

local top = {}

local COLUMN = 20
local RULE = string.rep("-", 80)
-- joins the columns of a key
top.SEP = "\001\001"

-- What several chisels group by: the key fields and their column titles, without and
-- with -pc.
top.BY_PROCESS = {
	keys = {"proc.name", "proc.pid"},
	headers = {"Process", "PID"},
	container_keys = {"proc.name", "proc.pid", "thread.vtid", "container.name"},
	container_headers = {"Process", "Host_pid", "Container_pid", "container.name"},
}
top.BY_FILE = {
	keys = {"fd.name"},
	headers = {"Filename"},
	container_keys = {"fd.name", "container.name"},
	container_headers = {"Filename", "container.name"},
}
top.BY_SYSCALL = {
	keys = {"evt.type"},
	headers = {"Syscall"},
	container_keys = {"evt.type", "container.name"},
	container_headers = {"Syscall", "container.name"},
}

local function render_value(units, v, delta)
	if units == "bytes" then return text.bytes(v) end
	if units == "time" then return text.duration(v) end
	if units == "timepct" then
		if delta > 0 then return string.format("%.2f%%", v / delta * 100) end
		return "0.00%"
	end
	return tostring(v)
end

-- Print `totals` (key -> value, a key's columns joined by top.SEP), largest first.
-- layout: value_header, headers (a title per key column), units, limit (0: all rows).
function top.print_table(layout, totals, delta)
	local header = text.pad(layout.value_header, COLUMN)
	for _, h in ipairs(layout.headers) do header = header .. text.pad(h, COLUMN) end
	print(header)
	print(RULE)
	local keys = text.sorted_keys(totals, function(a, b) return totals[a] > totals[b] end)
	for i, k in ipairs(keys) do
		if layout.limit > 0 and i > layout.limit then break end
		local parts = text.split(k, top.SEP)
		local line = text.pad(render_value(layout.units, totals[k], delta), COLUMN)
		for j, part in ipairs(parts) do
			if j < #parts then line = line .. text.pad(part, COLUMN) else line = line .. part end
		end
		print(line)
	end
end

-- How a table is shown: show(delta) prints it once at the end of a capture file; in
-- live captures the screen is redrawn every second, after which reset() starts over.
function top.install_display(show, reset)
	local live = false

	function on_capture_start()
		live = sysdig.is_live()
		if live then
			chisel.set_interval_s(1)
			screen.clear()
			screen.hide_cursor()
		end
		return true
	end

	function on_interval(ts_s, ts_ns, delta)
		screen.clear()
		screen.home()
		show(delta)
		reset()
		return true
	end

	function on_capture_end(ts_s, ts_ns, delta)
		if live then
			screen.clear()
			screen.home()
			screen.show_cursor()
			return true
		end
		show(delta)
		return true
	end
end

function top.install(spec)
	for name, value in pairs(spec.group or {}) do
		if spec[name] == nil then spec[name] = value end
	end
	spec.limit = spec.limit or 10
	spec.units = spec.units or "none"
	spec.value_scale = spec.value_scale or 1
	-- the adding up runs in sinspect's engine, per event that passes spec.filter; this
	-- file only configures it and prints (there is no on_event)
	local aggregator

	args = args or {}
	function on_set_arg(name, val) return false end

	function on_init()
		if sysdig.is_print_container_data() and spec.container_keys then
			spec.keys = spec.container_keys
			spec.headers = spec.container_headers
		end
		local key_fields = {}
		for i, name in ipairs(spec.keys) do key_fields[i] = chisel.request_field(name) end
		local value_field = chisel.request_field(spec.value)
		aggregator = engine.top_aggregator(key_fields, value_field, spec.value_scale, spec.keep_zero)
		if spec.filter and spec.filter ~= "" then chisel.set_filter(spec.filter) end
		return true
	end

	top.install_display(
		function(delta) top.print_table(spec, aggregator.totals(), delta) end,
		function() aggregator.reset() end)
end

-- The argument of the chisels that group by a field the user names.
top.KEY_ARGS = {
	{
		name = "key",
		description = "the field to group by, e.g. proc.name",
		argtype = "string",
	},
}

-- top.install for those chisels: the key is the field named by the `key` argument, and
-- the field's name is also the column title.
function top.install_by_key(spec)
	spec.headers = {}
	top.install(spec)

	function on_set_arg(name, val)
		if name ~= "key" then return false end
		spec.keys = { val }
		spec.headers = { val }
		return true
	end
end

return top
