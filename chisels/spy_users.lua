-- spy_users: the commands users start from interactive shells, and the directories
-- those shells change to, indented by how deep they are below the shell.
description = "Shows every command launched from an interactive shell and every directory a shell changes to, indented under the shell that started it. With -pc, the container is shown and container processes are drawn in blue, host processes in green."
short_description = "Commands and directory changes of interactive users"
category = "Security"
args = {
	{
		name = "max_depth",
		description = "do not show commands nested deeper than this below the shell",
		argtype = "int",
		optional = true,
	},
	{
		name = "disable_color",
		description = "pass 'disable_color' to print without colors",
		argtype = "string",
		optional = true,
	},
}

local text = require "sinspect.text"
local screen = require "sinspect.screen"

-- how far up the process tree we look for a shell
local MAX_ANCESTORS = 16

local max_depth = -1
local colors = true
local with_container = false
local f = {}
local anames = {}
local apids = {}
-- pid -> { depth below the shell (-1: not under a shell), pid of the shell }
local tree = {}
-- Each traced chdir moves the ancestor lookups one slot further from the process (sysdig's
-- chisel does the same): after n of them, ancestor slot j reads ancestor j-n, and slots
-- below n read nothing.
local chdir_shift = 0

function on_set_arg(name, val)
	if name == "max_depth" then
		max_depth = tonumber(val)
		if max_depth == nil then
			print("Input max_depth must be a number.")
			os.exit()
		end
	elseif name == "disable_color" and val == "disable_color" then
		colors = false
	end
	return true
end

function on_init()
	f.type = chisel.request_field("evt.type")
	f.exe = chisel.request_field("proc.exe")
	f.args = chisel.request_field("proc.args")
	f.path = chisel.request_field("evt.arg.path")
	f.user = chisel.request_field("user.name")
	f.time = chisel.request_field("evt.time.s")
	f.pid = chisel.request_field("proc.pid")
	f.ppid = chisel.request_field("proc.ppid")
	f.cname = chisel.request_field("container.name")
	for j = 0, MAX_ANCESTORS do
		anames[j] = chisel.request_field("proc.aname[" .. j .. "]")
		apids[j] = chisel.request_field("proc.apid[" .. j .. "]")
	end
	with_container = sysdig.is_print_container_data()
	chisel.set_filter("((evt.type=execve and evt.dir=<) or (evt.type=chdir and evt.dir=< and proc.name contains sh and not proc.name contains sshd)) and evt.failed=false")
	return true
end

-- ancestor slot j (name, pid), after the chdir shift; "stop" when the slot reads nothing
local function ancestor(j)
	if j < chdir_shift then return nil, nil end
	local k = j - chdir_shift
	return evt.field(anames[k]), evt.field(apids[k])
end

-- Where does process `ppid` stand: under which shell, how deep?
local function place(ppid)
	local entry = { -1 }
	for j = 1, MAX_ANCESTORS do
		local name, pid = ancestor(j)
		if name == nil then
			if pid == nil then break end
		elseif #name >= 2 and name:sub(-2) == "sh" then
			if tree[pid] then entry = { j - 1, pid } else entry = { 0, pid } end
		end
	end
	return entry
end

local function color_for(cname)
	if not with_container or not colors then return "" end
	if cname ~= "host" then return screen.BLUE end
	return screen.GREEN
end

function on_event()
	local user = evt.field(f.user) or "<NA>"
	local time = evt.field(f.time)
	local pid = evt.field(f.pid)
	local ppid = evt.field(f.ppid)
	local cname = evt.field(f.cname)
	local is_chdir = evt.field(f.type) == "chdir"
	-- a directory change is drawn at the level of the shell itself
	local correction = 1
	if is_chdir then
		ppid = pid
		chdir_shift = chdir_shift + 1
		correction = 0
	end

	if not tree[ppid] then tree[ppid] = place(ppid) end
	local parent = tree[ppid]
	if parent[1] == -1 then return true end
	if not tree[pid] then tree[pid] = { parent[1] + 1, parent[2] } end
	local depth = tree[pid][1] - correction
	if max_depth ~= -1 and depth > max_depth then return true end

	local who = user
	if with_container then who = user .. "@" .. cname end
	-- sysdig indents commands by 3 columns per level, and everything else by 4
	local step = 4
	if not is_chdir and not with_container then step = 3 end
	local line = color_for(cname) .. text.pad("", step * depth) .. tree[pid][2] .. " " .. time .. " " .. who .. ") "
	if is_chdir then
		line = line .. "cd " .. evt.field(f.path)
	else
		line = line .. evt.field(f.exe) .. " " .. evt.field(f.args)
	end
	print(line)
	return true
end

function on_capture_end()
	print(colors and screen.RESET or "")
end
