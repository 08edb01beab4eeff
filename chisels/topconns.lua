-- topconns: Connections with the most bytes.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The network connections that moved the most bytes, both directions together. With -pc, the container is shown too."
short_description = "Connections with the most bytes"
category = "Net"
args = {}

require("sinspect.top").install{
	keys = {"fd.l4proto", "fd.name"},
	headers = {"Proto", "Conn"},
	container_keys = {"container.name", "fd.l4proto", "fd.name"},
	container_headers = {"container.name", "Proto", "Conn"},
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
	limit = 30,
}
