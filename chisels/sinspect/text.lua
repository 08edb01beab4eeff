-- Text helpers shared by sinspect's bundled chisels: column padding, byte and duration
-- formatting, splitting. The formats follow what sysdig's chisels print.
local text = {}

-- Pad `s` with spaces to `width` columns. A value that does not fit is cut to width-1
-- characters and still followed by one space, so columns never touch.
function text.pad(s, width)
	s = tostring(s)
	if #s < width then
		return s .. string.rep(" ", width - #s)
	elseif width > 0 then
		return s:sub(1, width - 1) .. " "
	end
	return ""
end

-- Split on a plain (non-pattern) separator; empty fields are kept.
function text.split(s, sep)
	local out = {}
	local start = 1
	while true do
		local i, j = string.find(s, sep, start, true)
		if i == nil then
			out[#out + 1] = s:sub(start)
			return out
		end
		out[#out + 1] = s:sub(start, i - 1)
		start = j + 1
	end
end

local KB = 1024
local MB = KB * 1024
local GB = MB * 1024
local TB = GB * 1024
local PB = TB * 1024

-- 1230 -> "1.20KB": two decimals and a unit above 1KB, plain bytes below.
function text.bytes(n)
	if n > PB then return string.format("%.2fP", n / PB) end
	if n > TB then return string.format("%.2fT", n / TB) end
	if n > GB then return string.format("%.2fG", n / GB) end
	if n > MB then return string.format("%.2fM", n / MB) end
	if n > KB then return string.format("%.2fKB", n / KB) end
	return string.format("%dB", n)
end

local S = 1000000000
local MS = 1000000
local US = 1000

-- A nanosecond interval with three significant digits at most: 1.10s, 21ms, 7.38us, 705ns.
function text.duration(ns)
	if ns >= S then
		return string.format("%u.%02us", math.floor(ns / S), (ns % S) / 10000000)
	elseif ns >= 10 * MS then
		return string.format("%ums", math.floor(ns / MS))
	elseif ns >= MS then
		return string.format("%u.%02ums", math.floor(ns / MS), (ns % MS) / 10000)
	elseif ns >= 10 * US then
		return string.format("%uus", math.floor(ns / US))
	elseif ns >= US then
		return string.format("%u.%02uus", math.floor(ns / US), (ns % US) / 10)
	end
	return string.format("%uns", ns)
end

-- Keys of `t` ordered by `before(a, b)`; ties keep a stable order by key text.
function text.sorted_keys(t, before)
	local keys = {}
	for k in pairs(t) do keys[#keys + 1] = k end
	table.sort(keys, function(a, b)
		if before(a, b) then return true end
		if before(b, a) then return false end
		return tostring(a) < tostring(b)
	end)
	return keys
end

return text
