-- netlower: Network I/O slower than a threshold.
local slow = require "sinspect.slow"

description = "Traces every read and write on IPv4/IPv6 sockets that took longer than the given number of milliseconds (0 for all of them). Lines are green for host processes and blue for container processes; with -pc, container id and name are shown too."
short_description = "Network I/O slower than a threshold"
category = "Performance"
args = slow.ARGS

slow.install_io{
	filter = "evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6)",
	skip_dev = false,
}
