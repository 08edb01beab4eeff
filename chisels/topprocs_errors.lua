-- topprocs_errors: Processes with the most failed system calls.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The processes whose system calls failed most often. With -pc, container and in-container pid are shown too."
short_description = "Processes with the most failed system calls"
category = "Errors"
args = {}

top.install{
	group = top.BY_PROCESS,
	value = "evt.count",
	value_header = "#Errors",
	units = "none",
	filter = "evt.failed=true",
	limit = 100,
}
