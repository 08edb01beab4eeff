-- lsof: open file descriptors of every process, like lsof(8).
description = "Lists the open file descriptors of every thread, the way lsof does, as they are at the first event of the capture (choose another moment with a filter). The argument narrows the fds listed, e.g. 'proc.name=nginx and fd.type=ipv4'."
short_description = "Open file descriptors, like lsof"
category = "System State"
args = {
	{
		name = "filter",
		description = "a filter on fds, e.g. 'fd.name contains /etc'",
		argtype = "filter",
		optional = true,
	},
}

local text = require "sinspect.text"
local snapshot = require "sinspect.snapshot"

snapshot.install_threads(function(threads)
	print(text.pad("COMMAND", 20) .. text.pad("PID", 8) .. text.pad("TID", 8) .. text.pad("USER", 8)
		.. text.pad("FD", 8) .. text.pad("TYPE", 12) .. "NAME")
	for _, tid in ipairs(snapshot.tids(threads)) do
		local t = threads[tid]
		for _, fd in ipairs(snapshot.fds(t.fdtable)) do
			local info = t.fdtable[fd]
			print(text.pad(t.comm, 20) .. text.pad(t.pid, 8) .. text.pad(tid, 8) .. text.pad(t.username, 8)
				.. text.pad(fd, 8) .. text.pad(tostring(info.type), 12) .. tostring(info.name))
		end
	end
end)
