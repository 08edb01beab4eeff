-- iobytes_file: File bytes read and written per second.
description = "Adds up the bytes read from and written to files and prints the totals once per second of the capture."
short_description = "File bytes read and written per second"
category = "I/O"
args = {}

require("sinspect.iobytes").install("evt.is_io=true and fd.type=file")
