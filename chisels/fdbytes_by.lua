-- fdbytes_by: I/O bytes grouped by any field.
local top = require "sinspect.top"

description = "Groups reads and writes by the value of the given field (a process name, a port, a file...) and shows the keys that moved the most bytes."
short_description = "I/O bytes grouped by any field"
category = "I/O"
args = top.KEY_ARGS

top.install_by_key{
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "evt.is_io=true and evt.failed=false",
	limit = 30,
}
