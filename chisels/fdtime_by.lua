-- fdtime_by: I/O time grouped by any field.
local top = require "sinspect.top"

description = "Groups reads and writes by the value of the given field (a process name, a file...) and shows the keys where the most time was spent in I/O."
short_description = "I/O time grouped by any field"
category = "I/O"
args = top.KEY_ARGS

top.install_by_key{
	value = "evt.latency",
	value_header = "Time",
	units = "time",
	filter = "evt.is_io=true",
	limit = 10,
}
