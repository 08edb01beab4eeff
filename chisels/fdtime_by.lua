-- fdtime_by: I/O time grouped by any field.
description = "Groups reads and writes by the value of the given field (a process name, a file...) and shows the keys where the most time was spent in I/O."
short_description = "I/O time grouped by any field"
category = "I/O"
args = {
	{
		name = "key",
		description = "the field to group by, e.g. proc.name",
		argtype = "string",
	},
}

local top = require "sinspect.top"
local spec = {
	headers = {},
	value = "evt.latency",
	value_header = "Time",
	units = "time",
	filter = "evt.is_io=true",
	limit = 10,
}
top.install(spec)

-- the key field is known only once the argument arrives; its name is also the column title
function on_set_arg(name, val)
	if name ~= "key" then return false end
	spec.keys = { val }
	spec.headers = { val }
	return true
end
