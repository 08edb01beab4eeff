// The Lua 5.1 / LuaJIT behaviour sysdig's chisels expect from the VM.
import test from 'ava';
import { createLuaState, errorText } from '../../sinsp/chisel/lua-runtime.js';
import { lua, lauxlib, toLua, appliedSourcePatches, FENGARI_PATCHES } from '../../sinsp/chisel/fengari.js';
import { MemorySink } from '../../sinsp/chisel/output.js';

function run(src: string): string {
  const out = new MemorySink();
  let exited: number | undefined;
  const L = createLuaState({ stdout: out, stderr: out, packagePath: './?.lua', onExit: (c) => (exited = c) });
  if (lauxlib.luaL_loadbuffer(L, toLua(src), null, toLua('@test.lua')) !== 0 || lua.lua_pcall(L, 0, 0, 0) !== 0) {
    const msg = errorText(L);
    lua.lua_close(L);
    return exited !== undefined ? `exit ${exited}` : `error: ${msg}`;
  }
  lua.lua_close(L);
  return out.text();
}

test('numbers are doubles: no 32-bit wrap, integral values print without .0', (t) => {
  t.is(run('print(1024*1024*1024*1024, 10/2, 3.0, 2^53)'), '1099511627776\t5\t3\t9.007199254741e+15\n');
  t.is(run('print(2147483647 + 1, tostring(7), "x" .. 4)'), '2147483648\t7\tx4\n');
  t.is(run('print(math.floor(3.7) * 4294967296)'), '12884901888\n');
});

test('Lua 5.1 names: unpack, table.getn, string.gfind, loadstring, math.mod, bit', (t) => {
  t.is(run('print(unpack({1, 2}))'), '1\t2\n');
  t.is(run('print(table.getn({1, 2, 3}))'), '3\n');
  t.is(run('for w in string.gfind("a b", "%a") do io.write(w) end print()'), 'ab\n');
  t.is(run('print(loadstring("return 1 + 1")())'), '2\n');
  t.is(run('print(math.mod(7, 3), math.pow(2, 10))'), '1\t1024\n');
  t.is(run('print(bit.band(12, 10), bit.bor(12, 10), bit.lshift(1, 4), bit.tohex(255))'), '8\t14\t16\t000000ff\n');
});

test('pairs visits the list part in order, index 0 first, then the other keys', (t) => {
  t.is(run('local s = "" for k, v in pairs({10, 20, 30, x = 1}) do s = s .. k .. "=" .. v .. " " end print(s)'), '1=10 2=20 3=30 x=1 \n');
  t.is(run('local t = {} t[2] = "b" t[0] = "z" t[1] = "a" local s = "" for k in pairs(t) do s = s .. k end print(s)'), '012\n');
});

test('table.insert takes any position, as LuaJIT does', (t) => {
  t.is(run('local t = {1, 2} table.insert(t, 0, 9) print(t[0], t[1], t[2], t[3])'), '9\tnil\t1\t2\n');
  t.is(run('local t = {0, 1, 2} t[0] = 5 table.insert(t, 0, 9) print(t[0], t[1], t[2])'), '9\t5\t0\n');
});

test('string.format and io.write', (t) => {
  t.is(run('io.write(string.format("%u.%02us", 1, 10.5), "\\n")'), '1.10s\n');
  t.is(run('io.write(1, " ", 2.5, "\\n")'), '1 2.5\n');
});

test('os.exit unwinds and reports the code', (t) => {
  t.is(run('print("a") os.exit(3) print("b")'), 'exit 3');
});

test('os.tmpname and os.execute work (their Node packages load on first use)', (t) => {
  t.is(run('local n = os.tmpname() print(type(n), #n > 0)'), 'string\ttrue\n');
  t.is(run('print(os.execute("true"))'), 'true\texit\t0\n');
});

test('io.stdin is a file (its stream is made on first use)', (t) => {
  t.is(run('print(io.type(io.stdin), io.stdin ~= io.stdout)'), 'file\ttrue\n');
});

test('io.type: io.stdout and io.stderr are files, as in LuaJIT; other values are not', (t) => {
  t.is(run('print(io.type(io.stdout), io.type(io.stderr), io.type(42), io.type({}))'), 'file\tfile\tnil\tnil\n');
  t.regex(run('io.type()'), /^error: .*bad argument #1/);
});

test('errors name the file and line', (t) => {
  t.is(run('\n\nlocal x = nil + 1'), 'error: test.lua:3: attempt to perform arithmetic on a nil value');
});

test("every edit to Fengari's sources found its text", (t) => {
  t.deepEqual([...appliedSourcePatches].sort(), [...FENGARI_PATCHES].sort());
});

test('strings compare in byte order and key tables by their bytes', (t) => {
  t.is(run('print("\\15" < "\\16", "a\\1" < "a\\2", "\\127" < "\\128", "ab" < "abc", "b" < "abc")'), 'true\ttrue\ttrue\ttrue\tfalse\n');
  t.is(run('local t = {} t["\\1\\2"] = 1 t["\\18"] = 2 t["a" .. "\\0"] = 3 print(t["\\1\\2"], t["\\18"], t["a\\0"], t["a"])'), '1\t2\t3\tnil\n');
  const long = 'x'.repeat(40);
  t.is(run(`local t = {} t["${long}" .. "\\200"] = 1 print(t["${long}\\200"], t["${long}\\201"])`), '1\tnil\n');
});

test('closures, varargs, errors and coroutines survive stack slot reuse', (t) => {
  t.is(
    run(`
local fs = {}
for i = 1, 3 do local v = i * 10 fs[i] = function() return v + i end tostring(i) end
local function make(n) local c = n return function() c = c + 1 return c end end
local a, b = make(10), make(20)
a() b()
local function clobber(p, q, r, s, u, w) local x, y, z = p, q, r return x end
for i = 1, 5 do clobber(i, i, i, i, i, i) end
local function rec(n) if n == 0 then return 0 end local t = { n } return rec(n - 1) + t[1] end
local ok, err = pcall(function() local x = {} return x.y.z end)
local co = coroutine.wrap(function(v) local w = coroutine.yield(v + 1) return w * 2 end)
print(fs[1](), fs[2](), fs[3](), a(), b(), rec(50), ok, co(1), co(5))
local function va(...) return select("#", ...), ... end
print(va(1, nil, 3))
print(("x"):rep(3) .. tostring(nil), #{ va() })
`),
    '11\t22\t33\t12\t22\t1275\tfalse\t2\t10\n3\t1\tnil\t3\nxxxnil\t1\n',
  );
});

test('table reads by string, integer, float and other keys', (t) => {
  t.is(
    run(`
local t = { 10, 20, x = 1, [2.5] = "f", [true] = "b" }
local k = {}
t[k] = "tbl"
t["1"] = "s1"
print(t[1], t[1.0], t[2], t["x"], t[2.5], t[true], t[k], t["1"], t[3], t.y, t[0/0])
setmetatable(t, { __index = function(_, key) return "mt:" .. tostring(key) end })
print(t.y, t[7], t.x)
`),
    '10\t10\t20\t1\tf\tb\ttbl\ts1\tnil\tnil\tnil\nmt:y\tmt:7\t1\n',
  );
});

test('numbers turned into strings print the same every time (the strings are shared)', (t) => {
  t.is(
    run(`
local s = ""
for i = 1, 3 do s = s .. 13969 .. "|" .. 0 .. "|" .. -0.0 .. "|" .. 1.5 .. "|" .. 2^53 .. "|" .. (0/0 ~= 0/0 and "nan" or "") .. ";" end
local t = {}
for i = 1, 4 do local k = "p" .. (i % 2) t[k] = (t[k] or 0) + 1 end
print(s, t.p0, t.p1, 7 .. "" == "7", tostring(-0.0), 10 .. 10)
`),
    '13969|0|-0|1.5|9.007199254741e+15|nan;13969|0|-0|1.5|9.007199254741e+15|nan;13969|0|-0|1.5|9.007199254741e+15|nan;\t2\t2\ttrue\t-0\t1010\n',
  );
});

test('concatenations of long and short pieces, and in loops that reuse the registers', (t) => {
  const long = 'y'.repeat(70);
  t.is(
    run(`
local parts = {}
for i = 1, 3 do
  local k = "a" .. "\\1\\1" .. i
  parts[#parts + 1] = k .. "${long}" .. k
end
local t = {}
for _, p in ipairs(parts) do t[p] = #p end
print(#parts[1], t["a\\001\\0011${long}a\\001\\0011"], parts[3]:sub(-4) == "a\\001\\0013")
`),
    '78\t78\ttrue\n',
  );
});

test('ipairs stops at the first nil, takes one to three loop variables and still calls __index', (t) => {
  t.is(
    run(`
local s = ""
for i, v in ipairs({ "a", "b", nil, "d" }) do s = s .. i .. v end
for i in ipairs({ 5, 6 }) do s = s .. "/" .. i end
for i, v, extra in ipairs({ 7 }) do s = s .. "/" .. i .. v .. tostring(extra) end
local grow = { 1 }
for i, v in ipairs(grow) do if i < 4 then grow[i + 1] = v * 2 end end
local proxy = setmetatable({}, { __index = function(_, k) if k <= 3 then return k * 10 end end })
for i, v in ipairs(proxy) do s = s .. "|" .. v end
for _, outer in ipairs({ { 1, 2 }, { 3 } }) do for _, inner in ipairs(outer) do s = s .. inner end end
local ok, err = pcall(ipairs)
print(s, #grow, grow[4], ok)
`),
    '1a2b/1/2/17nil|10|20|30123\t4\t8\tfalse\n',
  );
});

test('reads by name see the current value when globals and fields change, go or come back', (t) => {
  t.is(
    run(`
local function name(t) return t.name end
local a, b = { name = "a" }, setmetatable({}, { __index = function() return "idx" end })
local s = name(a) .. name(b) .. name(a)
a.name = "a2" s = s .. name(a)
a.name = nil s = s .. tostring(name(a))
a.name = "a3" s = s .. name(a)
b.name = "own" s = s .. name(b)
b.name = nil s = s .. name(b)
g = 1
local function getg() return g end
s = s .. getg() g = 2 s = s .. getg() g = nil s = s .. tostring(getg()) g = 3 s = s .. getg()
local src = "return g"
local f1, f2 = load(src, "c", "t", { g = "env1" }), load(src, "c", "t", { g = "env2" })
s = s .. f1() .. f2() .. f1() .. getg()
local function mk(env) local _ENV = env return function() return g end end
local c1, c2 = mk({ g = "e1" }), mk({ g = "e2" })
s = s .. c1() .. c2() .. c1()
print(s)
`),
    'aidxaa2nila3ownidx12nil3env1env2env13e1e2e1\n',
  );
});

test('locals declared without a value are nil, whatever earlier calls left in the registers', (t) => {
  t.is(
    run(`
local function dirty(a, b, c, d, e, f) local x, y, z = a, b, c return x, y, z, d, e, f end
local function fresh(p) local u local v, w if p then u = p end return u, v, w end
local s = ""
for i = 1, 3 do
  dirty("g1", "g2", "g3", "g4", "g5", "g6")
  local a, b, c = fresh(i == 2 and "set" or nil)
  s = s .. tostring(a) .. tostring(b) .. tostring(c) .. ";"
  local n
  s = s .. tostring(n) .. (select("#", fresh()) ) .. ";"
end
print(s)
`),
    'nilnilnil;nil3;setnilnil;nil3;nilnilnil;nil3;\n',
  );
});

test('string.format: one format string reused with other values, nested calls and errors', (t) => {
  t.is(
    run(`
local fmt = "%s|%5s|%-5s|%.2s|%d|%x|%c|%5.1f%%"
local obj = setmetatable({}, { __tostring = function() return string.format("<%s:%d>", "obj", 7) end })
for i = 1, 2 do print(string.format(fmt, i == 1 and "a" or obj, "bc", "de", "fgh", -3.9, 255, 65, 2.4)) end
print(string.format("%s %s", 1.5, 10), string.format("%5d|%-3d|%03d", 42, 7, 5))
print(select(2, pcall(string.format, "%d")))
print(select(2, pcall(string.format, "%5")))
print(select(2, pcall(string.format, "%y", 1)))
`),
    'a|   bc|de   |fg|-3|ff|A|  2.4%\n' +
      '<obj:7>|   bc|de   |fg|-3|ff|A|  2.4%\n' +
      '1.5 10\t   42|7  |005\n' +
      "bad argument #2 to 'string.format' (no value)\n" +
      "bad argument #2 to 'string.format' (invalid option '%' to 'format')\n" +
      "bad argument #2 to 'string.format' (invalid option '%y' to 'format')\n",
  );
});

test('print and tostring write strings and numbers as LuaJIT does', (t) => {
  t.is(run('print("a", 1, 2.5, -0.0, nil, true) print(tostring(12), tostring(0.1), tostring("s"), 3 .. "")'), 'a\t1\t2.5\t-0\tnil\ttrue\n12\t0.1\ts\t3\n');
});

test('writes by name: globals and fields set, cleared, added again, through __newindex and metatables', (t) => {
  t.is(
    run(`
local log = {}
local proxy = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v) rawset(t, k, v) end })
local function setx(tb, v) tb.x = v end
local plain = {}
for i = 1, 3 do setx(plain, i) setx(proxy, i) end
setx(proxy, nil) setx(proxy, 9)
count = 1
for i = 1, 3 do count = count + 1 end
count = nil
local gone = count
count = 5
local mt = {}
local obj = setmetatable({}, mt)
local function setidx(m, f) m.__index = f end
setidx(mt, function() return "first" end)
local a = obj.anything
setidx(mt, function() return "second" end)
print(plain.x, proxy.x, table.concat(log, ","), gone, count, a, obj.anything)
`),
    '3\t9\tx=1,x=9\tnil\t5\tfirst\tsecond\n',
  );
});

test('assignments by number and string keys: floats and integers share keys, NaN is refused', (t) => {
  t.is(
    run(`
local t = { 10, 20 }
t[1.0] = 11 t[2] = 21 t[3.0] = 31 t[3] = 32 t[-0.0] = "z" t[0] = "zero"
local k = "k" .. 1
t[k] = 1 t[k] = t[k] + 1 t.k1 = t.k1 * 10
local ok, err = pcall(function() t[0/0] = 1 end)
print(t[1], t[2], t[3], t[3.0], #t, t[0], t.k1, ok, (err:gsub("^.-:%d+: ", "")))
`),
    '11\t21\t32\t32\t3\tzero\t20\tfalse\ttable index is NaN\n',
  );
});

test('the VM survives tail calls, deep recursion that grows the stack, and errors across frames', (t) => {
  t.is(
    run(`
local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
local function deep(n) if n == 0 then return 0 end local a, b, c = n, n, n return deep(n - 1) + a - b + c - n + 1 end
local function wide(...) return select("#", ...) end
local big = {} for i = 1, 180 do big[i] = i end
local ok, err = pcall(function() local function f(n) if n == 0 then error("bottom") end return 1 + f(n - 1) end return f(150) end)
print(count(10000, 0), deep(5000), wide(table.unpack(big)), ok, (err:gsub("^.-:%d+: ", "")))
`),
    '10000\t5000\t180\tfalse\tbottom\n',
  );
});

test('ipairs() itself answers alike for one to three results, a nil argument or none', (t) => {
  t.is(
    run(`
local t = { "x" }
local f, s, c = ipairs(t)
local only = ipairs(t)
ipairs(t)
local a, b = f(s, c)
print(f == only, s == t, c, a, b, select("#", ipairs(t)))
print(select(2, pcall(ipairs)))
print((select(2, pcall(function() for _ in ipairs(nil) do end end))))
`),
    "true\ttrue\t0\t1\tx\t3\nbad argument #1 to 'ipairs' (value expected)\nattempt to index a nil value\n",
  );
});
