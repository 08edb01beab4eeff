-- The socket spies (spy_ip, spy_port): the data of every read and write on IPv4/IPv6
-- sockets whose `field` (fd.ip, fd.port) has the value of the chisel's first argument,
-- each chunk under a header.
local text = require "sinspect.text"
local color = require "sinspect.color"

local spy = {}

-- spec: arg (the name of the chisel's argument giving the value), field, and
-- write_header (the word the header of writes says: sysdig's spy_ip says "Read")
function spy.install_socket(spec)
	local target
	local f = {}
	-- the last header; sysdig's chisels print it again before every chunk of data
	local header
	local last_dir

	function on_set_arg(name, val)
		if name == spec.arg then
			target = val
			return true
		elseif name == "disable_color" then
			if val == "disable_colors" then color.enable(false) end
			return true
		end
		return false
	end

	function on_init()
		f.data = chisel.request_field("evt.arg.data")
		f.is_read = chisel.request_field("evt.is_io_read")
		f.res = chisel.request_field("evt.rawarg.res")
		sysdig.set_snaplen(1000)
		chisel.set_filter("evt.is_io=true and (fd.type=ipv4 or fd.type=ipv6) and " .. spec.field .. "=" .. target)
		return true
	end

	function on_event()
		local res = evt.field(f.res)
		if res == nil or res <= 0 then return true end
		local data = evt.field(f.data)
		if data == nil then return true end
		if evt.field(f.is_read) then
			if last_dir ~= "r" then
				header = color.red .. "------ Read " .. text.bytes(res)
				last_dir = "r"
			end
		elseif last_dir ~= "w" then
			header = color.blue .. "------ " .. spec.write_header .. " " .. text.bytes(res)
			last_dir = "w"
		end
		print(header)
		print(data)
		return true
	end

	function on_capture_end()
		print(color.reset)
	end
end

return spy
