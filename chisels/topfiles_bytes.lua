-- topfiles_bytes: Files with the most bytes read and written.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The files that moved the most bytes (reads plus writes). With -pc, the container of each file is shown too."
short_description = "Files with the most bytes read and written"
category = "I/O"
args = {}

require("sinspect.top").install{
	keys = {"fd.name"},
	headers = {"Filename"},
	-- (the container comes first here, unlike top.BY_FILE: sysdig's layout)
	container_keys = {"container.name", "fd.name"},
	container_headers = {"container.name", "Filename"},
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "fd.type=file and evt.is_io=true",
	limit = 10,
}
