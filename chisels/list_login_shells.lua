-- list_login_shells: the login shells in which programs were started.
description = "Lists the ids of login shells (proc.loginshellid) in which programs were executed, optionally only those that ran a command with a given name or arguments. The ids can be used in filters, e.g. for spy_users. With -pc, the container name and id are shown too."
short_description = "Ids of login shells"
category = "Security"
args = {
	{
		name = "command",
		description = "only shells that ran a command whose name contains this (* for any)",
		argtype = "string",
		optional = true,
	},
	{
		name = "arguments",
		description = "only shells that ran a command whose arguments contain this",
		argtype = "string",
		optional = true,
	},
}

local want_command
local want_args
local f = {}
local with_container = false
-- the last matching shell (sysdig's chisel remembers only one)
local last = {}

function on_set_arg(name, val)
	if name == "command" then
		if val ~= "*" then want_command = val end
	elseif name == "arguments" then
		want_args = val
	end
	return true
end

function on_init()
	f.sid = chisel.request_field("proc.loginshellid")
	f.exe = chisel.request_field("evt.arg.exe")
	f.args = chisel.request_field("evt.arg.args")
	f.cname = chisel.request_field("container.name")
	f.cid = chisel.request_field("container.id")
	with_container = sysdig.is_print_container_data()
	chisel.set_filter("evt.type=execve")
	return true
end

function on_event()
	local sid = evt.field(f.sid)
	local exe = evt.field(f.exe)
	if not (sid and exe) then return true end
	if want_command and string.find(exe, want_command) == nil then return true end
	local a = evt.field(f.args)
	if want_args and a and string.find(a, want_args) == nil then return true end
	last = { sid = sid, cname = evt.field(f.cname), cid = evt.field(f.cid) }
	return true
end

function on_capture_end()
	if want_command then print("Shells containing " .. want_command .. ":") else print("All shells:") end
	-- one line per remembered value that is set (so up to three identical lines)
	local n = 0
	for _, k in ipairs({ "sid", "cname", "cid" }) do
		if last[k] ~= nil then n = n + 1 end
	end
	for _ = 1, n do
		if with_container then
			print(last.sid .. " " .. last.cname .. " " .. last.cid)
		else
			print(last.sid)
		end
	end
end
