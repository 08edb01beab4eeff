-- topprocs_cpu: Processes with the most CPU use.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The processes that used the most CPU, as a share of the capture's duration. With -pc, container and in-container pid are shown too."
short_description = "Processes with the most CPU use"
category = "CPU Usage"
args = {}

require("sinspect.top").install{
	keys = {"proc.name", "proc.pid"},
	headers = {"Process", "PID"},
	-- (proc.vpid where top.BY_PROCESS has thread.vtid: sysdig's layout)
	container_keys = {"proc.name", "proc.pid", "proc.vpid", "container.name"},
	container_headers = {"Process", "Host_pid", "Container_pid", "container.name"},
	value = "thread.cpu",
	value_header = "CPU%",
	units = "timepct",
	filter = "evt.type=procinfo",
	limit = 10,
	-- thread.cpu (from procinfo events) scaled to the ns unit that timepct divides
	-- by the capture's duration
	value_scale = 10000000,
	keep_zero = true,
}
