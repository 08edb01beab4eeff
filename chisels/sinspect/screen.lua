-- ANSI screen control for chisels that redraw once per second in live captures.
local screen = {}

local ESC = string.char(27) .. "["

function screen.clear() io.write(ESC .. "2J") end
function screen.home() io.write(ESC .. "H") end
function screen.hide_cursor() io.write(ESC .. "?25l") end
function screen.show_cursor() io.write(ESC .. "?25h") end
function screen.color(code) return ESC .. code .. "m" end

screen.RESET = ESC .. "0m"
screen.RED = ESC .. "31m"
screen.GREEN = ESC .. "32m"
screen.BLUE = ESC .. "34m"

return screen
