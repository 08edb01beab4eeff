-- iobytes: Bytes read and written per second.
description = "Adds up the bytes read and written on every kind of fd (files, sockets, pipes...) and prints the totals once per second of the capture."
short_description = "Bytes read and written per second"
category = "I/O"
args = {}

require("sinspect.iobytes").install("evt.is_io=true")
