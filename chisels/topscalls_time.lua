-- topscalls_time: System calls by time spent in them.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The 30 system calls that took the most time. Add a filter to look at one process, thread or file only. With -pc, the container is shown too."
short_description = "System calls by time spent in them"
category = "Performance"
args = {}

top.install{
	group = top.BY_SYSCALL,
	value = "evt.latency",
	value_header = "Time",
	units = "time",
	filter = "",
	limit = 30,
}
