-- proc_exec_time: how long each process ran, when it exits.
description = "Prints each process that exits, with how long it ran. Lines are colored by run time: red above 10s, yellow above 3s, otherwise green (blue for container processes). With -pc, the container id and name are shown too."
short_description = "Run time of exiting processes"
category = "Performance"
args = {
	{
		name = "disable_color",
		description = "pass 'disable_colors' to print without colors",
		argtype = "string",
		optional = true,
	},
}

local text = require "sinspect.text"
local color = require "sinspect.color"

local YELLOW_NS = 3000000000
local RED_NS = 10000000000
local f = {}
local with_container = false

function on_set_arg(name, val)
	if val == "disable_colors" then color.enable(false) end
	return true
end

local function row(duration, cid, cname, name, a)
	if with_container then
		return string.format("%-13.13s %-20.20s %-20.20s %-12.12s %s", duration, cid, cname, name, a)
	end
	return string.format("%-13.13s %-12.12s %s", duration, name, a)
end

function on_init()
	f.name = chisel.request_field("proc.name")
	f.args = chisel.request_field("proc.args")
	f.duration = chisel.request_field("proc.duration")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
	chisel.set_filter("evt.type=procexit")
	print(row("proc.duration", "container.id", "container.name", "proc.name", "proc.args"))
	print(row("-------------", "--------------------", "--------------------", "------------", "--------------------"))
	return true
end

function on_event()
	local d = evt.field(f.duration)
	if d == nil then return true end
	local c = color.green
	if d > RED_NS then
		c = color.red
	elseif d > YELLOW_NS then
		c = color.yellow
	elseif evt.field(f.cname) ~= "host" then
		c = color.blue
	end
	print(c .. row(text.duration(d), evt.field(f.cid), evt.field(f.cname), evt.field(f.name), evt.field(f.args)))
	return true
end

function on_capture_end()
	print(color.reset)
end
