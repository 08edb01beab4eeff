-- stdin: what processes read from their standard input.
description = "Prints the bytes every process reads from its standard input (fd 0). Add a filter to follow a single process or pid."
short_description = "Standard input of processes"
category = "I/O"
args = {}

require("sinspect.stdio").install(0)
