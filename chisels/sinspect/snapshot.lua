-- Chisels that print the system state at one point of the capture (ps, lsof, netstat):
-- the first event that passes the capture filter ends the capture, and the state as it
-- stands then is printed at the end.
local snapshot = {}

-- print_fn(filter) runs at the end when an event matched; `filter` is the chisel's
-- argument, combined by the caller if needed.
function snapshot.install(print_fn)
	local started = false
	local matched = false

	function on_init() return true end

	function on_capture_start()
		started = true
		return true
	end

	function on_event()
		sysdig.end_capture()
		matched = true
		return false
	end

	function on_capture_end()
		if not started then return end
		if not matched then
			print("empty capture or no event matching the filter")
			return
		end
		print_fn()
	end
end

-- Thread ids of a thread table, ascending.
function snapshot.tids(ttable)
	local tids = {}
	for tid in pairs(ttable) do tids[#tids + 1] = tid end
	table.sort(tids)
	return tids
end

-- Fd numbers of an fd table, ascending.
function snapshot.fds(fdtable)
	local fds = {}
	for fd in pairs(fdtable) do fds[#fds + 1] = fd end
	table.sort(fds)
	return fds
end

return snapshot
