-- spy_port: Payloads exchanged on an IP port.
description = "Shows the data of every read and write on IPv4/IPv6 sockets where fd.port is the given value, under a header each time the direction changes. The -A, -x and -X switches change how the data is printed."
short_description = "Payloads exchanged on an IP port"
category = "Net"
args = {
	{
		name = "host_port",
		description = "the port number",
		argtype = "int",
	},
	{
		name = "disable_color",
		description = "pass 'disable_colors' to print without colors",
		argtype = "string",
		optional = true,
	},
}

require("sinspect.spy").install_socket{
	arg = "host_port",
	field = "fd.port",
	write_header = "Write",
}
