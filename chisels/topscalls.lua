-- topscalls: System calls by number of calls.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The 30 system calls made most often. Add a filter to look at one process, thread or file only. With -pc, the container is shown too."
short_description = "System calls by number of calls"
category = "Performance"
args = {}

top.install{
	group = top.BY_SYSCALL,
	value = "evt.count",
	value_header = "# Calls",
	units = "none",
	filter = "evt.type!=switch",
	limit = 30,
}
