-- stdout: what processes write to their standard output.
description = "Prints the bytes every process writes to its standard output (fd 1). Add a filter to follow a single process or pid."
short_description = "Standard output of processes"
category = "I/O"
args = {}

require("sinspect.stdio").install(1)
