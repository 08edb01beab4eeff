-- Chisels that print the system state at one point of the capture (ps, lsof, netstat):
-- the first event that passes the capture filter ends the capture, and the state as it
-- stands then is printed at the end.
local snapshot = {}

-- print_fn() runs at the end when an event matched.
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

-- snapshot.install for the chisels whose optional argument `filter` selects fds:
-- print_fn(threads) gets the thread table of the threads with an fd that matches it
-- (every thread without the argument), each with those fds.
function snapshot.install_threads(print_fn)
	local fd_filter

	function on_set_arg(name, val)
		if name ~= "filter" then return false end
		fd_filter = val
		return true
	end

	snapshot.install(function() print_fn(sysdig.get_thread_table(fd_filter)) end)
end

local function sorted_keys(t)
	local keys = {}
	for k in pairs(t) do keys[#keys + 1] = k end
	table.sort(keys)
	return keys
end

-- Thread ids of a thread table, ascending.
snapshot.tids = sorted_keys

-- Fd numbers of an fd table, ascending.
snapshot.fds = sorted_keys

return snapshot
