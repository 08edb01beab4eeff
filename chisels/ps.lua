-- ps: the processes and threads of the machine, like ps(1).
description = "Lists every thread with its process, user, memory and fd limit, as they are at the first event of the capture (choose another moment with a filter). The argument keeps only threads with an fd matching it, e.g. 'fd.name contains /etc'."
short_description = "Processes and threads, like ps"
category = "System State"
args = {
	{
		name = "filter",
		description = "keep threads that have an fd matching this filter",
		argtype = "filter",
		optional = true,
	},
}

local text = require "sinspect.text"
local snapshot = require "sinspect.snapshot"

snapshot.install_threads(function(threads)
	print(text.pad("TID", 8) .. text.pad("PID", 8) .. text.pad("USER", 12) .. text.pad("VIRT", 11)
		.. text.pad("RES", 11) .. text.pad("FDLIMIT", 10) .. text.pad("CMD", 20))
	for _, tid in ipairs(snapshot.tids(threads)) do
		local t = threads[tid]
		print(text.pad(tid, 8) .. text.pad(t.pid, 8) .. text.pad(t.username, 12)
			.. text.pad(text.bytes(t.vmsize_kb * 1024), 11) .. text.pad(text.bytes(t.vmrss_kb * 1024), 11)
			.. text.pad(t.fdlimit, 10) .. t.comm)
	end
end)
