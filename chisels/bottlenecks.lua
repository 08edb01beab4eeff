-- bottlenecks: the slowest system calls of the capture.
description = "Prints the 10 system calls that took longest to return, slowest first, each as its enter and exit events with the time spent."
short_description = "The 10 slowest system calls"
category = "Performance"
args = {}

local KEEP = 10
local f = {}
-- { latency, enter line, exit line }, slowest first
local slowest = {}
-- tid -> line of its last enter event
local enters = {}

function on_init()
	f.num = chisel.request_field("evt.num")
	f.type = chisel.request_field("evt.type")
	f.args = chisel.request_field("evt.args")
	f.latency = chisel.request_field("evt.latency")
	f.proc = chisel.request_field("proc.name")
	f.tid = chisel.request_field("thread.tid")
	return true
end

function on_event()
	local latency = evt.field(f.latency)
	local tid = evt.field(f.tid)
	local etype = evt.field(f.type)
	if etype == "switch" then return true end
	if latency == 0 then
		enters[tid] = string.format("%d) 0.%.9d %s (%d) > %s %s", evt.field(f.num), 0, evt.field(f.proc) or "",
			evt.field(f.tid), etype, evt.field(f.args))
	elseif latency ~= nil then
		for i = 1, KEEP do
			if slowest[i] == nil or latency > slowest[i][1] then
				local exit = string.format("%d) %d.%.9d %s (%d) < %s %s", evt.field(f.num), latency / 1000000000,
					latency % 1000000000, evt.field(f.proc) or "", evt.field(f.tid), etype, evt.field(f.args))
				table.insert(slowest, i, { latency, enters[tid], exit })
				break
			end
		end
		if #slowest > KEEP then table.remove(slowest) end
	end
	return true
end

function on_capture_end()
	for _, s in ipairs(slowest) do
		print(s[2])
		print(s[3])
	end
	return true
end
