-- topscalls_time: System calls by time spent in them.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The 30 system calls that took the most time. Add a filter to look at one process, thread or file only. With -pc, the container is shown too."
short_description = "System calls by time spent in them"
category = "Performance"
args = {}

require("sinspect.top").install{
	keys = {"evt.type"},
	headers = {"Syscall"},
	container_keys = {"evt.type", "container.name"},
	container_headers = {"Syscall", "container.name"},
	value = "evt.latency",
	value_header = "Time",
	units = "time",
	filter = "",
	limit = 30,
}
