-- topfiles_errors: Files with the most failed system calls.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The files whose system calls failed most often. With -pc, the container of each file is shown too."
short_description = "Files with the most failed system calls"
category = "Errors"
args = {}

top.install{
	group = top.BY_FILE,
	value = "evt.count",
	value_header = "#Errors",
	units = "none",
	filter = "fd.type=file and evt.failed=true",
	limit = 100,
}
