-- iobytes_net: Network bytes read and written per second.
description = "Adds up the bytes read from and written to IPv4 and IPv6 sockets and prints the totals once per second of the capture."
short_description = "Network bytes read and written per second"
category = "Net"
args = {}

require("sinspect.iobytes").install("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6)")
