-- topprocs_file: Processes with the most file bytes.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The processes that moved the most bytes to and from files. With -pc, container and in-container pid are shown too."
short_description = "Processes with the most file bytes"
category = "I/O"
args = {}

top.install{
	group = top.BY_PROCESS,
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "fd.type=file and evt.is_io=true",
	limit = 10,
}
