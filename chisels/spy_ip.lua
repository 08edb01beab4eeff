-- spy_ip: Payloads exchanged with an IP address.
description = "Shows the data of every read and write on IPv4/IPv6 sockets where fd.ip is the given value, under a header each time the direction changes. The -A, -x and -X switches change how the data is printed."
short_description = "Payloads exchanged with an IP address"
category = "Net"
args = {
	{
		name = "host_ip",
		description = "the remote IP address",
		argtype = "ipv4",
	},
	{
		name = "disable_color",
		description = "pass 'disable_colors' to print without colors",
		argtype = "string",
		optional = true,
	},
}

require("sinspect.spy").install_socket{
	arg = "host_ip",
	field = "fd.ip",
	-- (sysdig's spy_ip labels writes "Read" too)
	write_header = "Read",
}
