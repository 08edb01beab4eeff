-- fileslower: File I/O slower than a threshold.
local slow = require "sinspect.slow"

description = "Traces every file read and write that took longer than the given number of milliseconds (0 for all of them); files under /dev/ are left out. Lines are green for host processes and blue for container processes; with -pc, container id and name are shown too."
short_description = "File I/O slower than a threshold"
category = "Performance"
args = slow.ARGS

slow.install_io{
	filter = "evt.is_io=true and fd.type=file",
	skip_dev = true,
}
