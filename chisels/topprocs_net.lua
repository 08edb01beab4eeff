-- topprocs_net: Processes with the most network bytes.
-- Part of sinspect's bundled chisels; the table layout is sysdig's.
local top = require "sinspect.top"

description = "The processes that moved the most bytes over IPv4 and IPv6 sockets. With -pc, container and in-container pid are shown too."
short_description = "Processes with the most network bytes"
category = "Net"
args = {}

top.install{
	group = top.BY_PROCESS,
	value = "evt.rawarg.res",
	value_header = "Bytes",
	units = "bytes",
	filter = "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true",
	limit = 100,
}
