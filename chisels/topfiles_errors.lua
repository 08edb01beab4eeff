-- topfiles_errors: Files with the most failed system calls.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The files whose system calls failed most often. With -pc, the container of each file is shown too."
short_description = "Files with the most failed system calls"
category = "Errors"
args = {}

require("sinspect.top").install{
	keys = {"fd.name"},
	headers = {"Filename"},
	container_keys = {"fd.name", "container.name"},
	container_headers = {"Filename", "container.name"},
	value = "evt.count",
	value_header = "#Errors",
	units = "none",
	filter = "fd.type=file and evt.failed=true",
	limit = 100,
}
