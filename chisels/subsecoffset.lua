-- subsecoffset: a heat map of where, within each second, system calls happen.
description = "Draws, once per period (one second by default), a line showing at which offsets inside the period system calls started: each column is a slice of the period, colored from green (few calls) to red (many). Repeating patterns that per-second averages hide stand out. Add a filter to look at one process or kind of I/O. Needs an ANSI terminal."
short_description = "Heat map of system calls by offset within the second"
category = "CPU Usage"
args = {
	{
		name = "refresh_time",
		description = "the period in milliseconds (default 1000)",
		argtype = "int",
		optional = true,
	},
}

local screen = require "sinspect.screen"

local period_ns = 1000 * 1000 * 1000
local width = 80
local label_len = 0
local counts = {}
local rawtime
local tty = false
-- 256-color codes from cold to hot, and shading characters for in-between values
local PALETTE = { 22, 28, 64, 34, 2, 76, 46, 118, 154, 191, 227, 226, 11, 220, 209, 208, 202, 197, 9, 1 }
local SHADES = { " ", "░", "▒", "░" }
local ESC = string.char(27) .. "["

function on_set_arg(name, val)
	if name ~= "refresh_time" then return false end
	local ms = tonumber(val)
	if ms == nil then
		print("Input refresh_time must be a number.")
		os.exit()
	end
	period_ns = ms * 1000 * 1000
	return true
end

function on_init()
	tty = sysdig.is_tty()
	if not tty then
		print("This chisel only works on ANSI terminals. Aborting.")
		return false
	end
	width = sysdig.get_terminal_info().width
	label_len = string.len("|" .. (0.9 * period_ns / 10000000) .. "ms")
	chisel.set_filter("evt.dir=>")
	rawtime = chisel.request_field("evt.rawtime")
	screen.hide_cursor()
	print("Tracing syscalls... red (hot) == high frequency <-> green == low frequency.\n")
	return true
end

function on_capture_start()
	chisel.set_interval_ns(period_ns)
	return true
end

function on_event()
	local t = evt.field(rawtime)
	local column = math.floor((((t * 1000 / period_ns) % 1000) / 1000) * width)
	counts[column] = (counts[column] or 0) + 1
	return true
end

-- foreground, background and shading character for a count
local function cell(n)
	local per_sec = 1000 * 1000 * 1000 / period_ns
	local level = math.log10(n * per_sec + 1) / math.log10(1.6)
	if level < 1 then level = 1 elseif level > #PALETTE then level = #PALETTE end
	local lo, hi = math.floor(level), math.ceil(level)
	local frac = level - lo
	local ch = SHADES[math.floor(1 + frac * #SHADES)]
	if frac > .75 then return PALETTE[hi], PALETTE[lo], ch end
	return PALETTE[lo], PALETTE[hi], ch
end

function on_interval()
	io.write(ESC .. "1F")
	for x = 1, width do
		local n = counts[x]
		if n == nil or n == 0 then
			io.write(ESC .. "48;5;0m ")
		else
			local fg, bg, ch = cell(n)
			io.write(ESC .. "38;5;" .. fg .. "m" .. ESC .. "48;5;" .. bg .. "m" .. ch)
		end
	end
	io.write(screen.RESET .. "\n")
	-- the time axis: a label at every tenth of the width that has room for it
	local x = 0
	while x < width do
		if math.floor(x * 10 / width) ~= math.floor((x - 1) * 10 / width) and x <= width - label_len then
			local label = "|" .. (math.floor(10 * x / width) * period_ns / 10000000) .. "ms"
			io.write(label)
			x = x + #label
		else
			io.write(" ")
			x = x + 1
		end
	end
	io.write("\n")
	counts = {}
	return true
end

function on_capture_end()
	if tty then
		print(screen.RESET)
		screen.show_cursor()
	end
	return true
end
