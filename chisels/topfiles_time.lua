-- topfiles_time: Files with the most time spent in I/O.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The files where processes spent the most time in I/O system calls. With -pc, the container of each file is shown too."
short_description = "Files with the most time spent in I/O"
category = "I/O"
args = {}

top.install{
	group = top.BY_FILE,
	value = "evt.latency",
	value_header = "Time",
	units = "time",
	filter = "fd.type=file and evt.is_io=true",
	limit = 10,
}
