-- netstat: network connections and listening sockets, like netstat(8).
description = "Lists the IPv4 and IPv6 sockets of every thread, listening or connected, the way netstat does, as they are at the first event of the capture (choose another moment with a filter). The argument narrows the sockets listed, e.g. 'fd.port=80'."
short_description = "Network connections, like netstat"
category = "System State"
args = {
	{
		name = "filter",
		description = "a filter on sockets, e.g. 'proc.name=nginx'",
		argtype = "filter",
		optional = true,
	},
}

local text = require "sinspect.text"
local snapshot = require "sinspect.snapshot"

local fd_filter = "(fd.type=ipv4 or fd.type=ipv6)"

function on_set_arg(name, val)
	if name ~= "filter" then return false end
	-- (no space before "and": the filter language does not need one after ')')
	fd_filter = fd_filter .. "and (" .. val .. ")"
	return true
end

snapshot.install(function()
	local threads = sysdig.get_thread_table(fd_filter)
	print(text.pad("Proto", 6) .. text.pad("Server Address", 25) .. text.pad("Client Address", 25)
		.. text.pad("State", 15) .. "TID/PID/Program Name")
	-- table order, as sysdig prints it
	for tid, t in pairs(threads) do
		for _, s in pairs(t.fdtable) do
			local client, state = "0.0.0.0:*", "LISTEN"
			if s.cip ~= nil then
				client, state = s.cip .. ":" .. s.cport, "ESTABLISHED"
			end
			print(text.pad(s.l4proto, 6) .. text.pad(s.sip .. ":" .. s.sport, 25) .. text.pad(client, 25)
				.. text.pad(state, 15) .. tid .. "/" .. t.pid .. "/" .. t.comm)
		end
	end
end)
