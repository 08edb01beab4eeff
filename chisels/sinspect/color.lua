-- Colors that a chisel can switch off with its 'disable_color' argument: every name
-- answers the empty string once disabled.
local screen = require "sinspect.screen"

local CODES = { reset = 0, red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36, white = 37 }

local color = {}
local enabled = true

function color.enable(on) enabled = on end

setmetatable(color, {
	__index = function(_, name)
		local code = CODES[name]
		if code == nil or not enabled then return "" end
		return screen.color(code)
	end,
})

return color
