-- topports_server: Server ports with the most bytes.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
description = "The TCP and UDP server ports that moved the most bytes, both directions together. With -pc, the container is shown too."
short_description = "Server ports with the most bytes"
category = "Net"
args = {}

require("sinspect.top").install{
	keys = {"fd.sport"},
	headers = {"Srv Port"},
	container_keys = {"fd.sport", "container.name"},
	container_headers = {"Srv Port", "container.name"},
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
	limit = 100,
}
