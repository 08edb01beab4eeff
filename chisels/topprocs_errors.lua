-- topprocs_errors: Processes with the most failed system calls.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The processes whose system calls failed most often. With -pc, container and in-container pid are shown too."
short_description = "Processes with the most failed system calls"
category = "Errors"
args = {}

require("sinspect.top").install{
	keys = {"proc.name", "proc.pid"},
	headers = {"Process", "PID"},
	container_keys = {"proc.name", "proc.pid", "thread.vtid", "container.name"},
	container_headers = {"Process", "Host_pid", "Container_pid", "container.name"},
	value = "evt.count",
	value_header = "#Errors",
	units = "none",
	filter = "evt.failed=true",
	limit = 100,
}
