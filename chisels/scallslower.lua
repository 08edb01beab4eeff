-- scallslower: system calls slower than a threshold.
local slow = require "sinspect.slow"

description = "Traces every system call that took longer than the given number of milliseconds (0 for all of them), with its latency in milliseconds. Lines are green for host processes and blue for container processes; with -pc, container id and name are shown too."
short_description = "System calls slower than a threshold"
category = "Performance"
args = slow.ARGS

slow.install_syscalls()
