// A Lua state prepared for sysdig chisels: the standard libraries plus the LuaJIT / Lua 5.1
// behaviour the chisels rely on (unpack, table.getn, string.gfind, loadstring, math.mod,
// the bit library, C-style string.format, print/io.write into our buffered output).
import { lua, lauxlib, lualib, lit, toLua, numberBytes, pushNumberString, pushOwnedBytes, type LuaState, type JsFunction } from './fengari.js';
import { formatBytes, type FormatArgs } from './printf.js';
import type { OutputSink } from './env.js';

export interface RuntimeOptions {
  stdout: OutputSink;
  stderr: OutputSink;
  packagePath: string;
  /** os.exit(code) was called; the runtime raises a Lua error right after this */
  onExit(code: number): void;
}

/** Marker raised (as the Lua error value) to unwind the Lua stack after os.exit(). */
export const EXIT_MARKER = '\u0000sinspect-chisel-exit';

const NL = lit('\n');
const TAB = lit('\t');

function setFunc(L: LuaState, name: string, f: JsFunction): void {
  lua.lua_pushjsfunction(L, f);
  lua.lua_setfield(L, -2, lit(name));
}

/**
 * The bytes of argument i as LuaJIT's tostring() produces them. Numbers are formatted
 * here: Fengari's luaL_tolstring would print integral floats as "3.0".
 */
function toStringBytes(L: LuaState, i: number): Uint8Array {
  if (lua.lua_type(L, i) === lua.LUA_TNUMBER) return numberBytes(lua.lua_tonumber(L, i) as number);
  const b = lauxlib.luaL_tolstring(L, i) as Uint8Array;
  lua.lua_pop(L, 1);
  return b;
}

/**
 * toStringBytes for print() and string.format's %s: LuaJIT writes strings (and numbers)
 * as they are there, without looking for a __tostring metamethod.
 */
function printedBytes(L: LuaState, i: number): Uint8Array {
  if (lua.lua_type(L, i) === lua.LUA_TSTRING) return lua.lua_tolstring(L, i) as Uint8Array;
  return toStringBytes(L, i);
}

/** string.format's arguments: stack slots 2... of the call. */
class LuaFormatArgs implements FormatArgs {
  constructor(
    private readonly L: LuaState,
    readonly count: number,
  ) {}

  number(i: number): number {
    const L = this.L;
    const idx = i + 1;
    if (!lua.lua_isnumber(L, idx)) lauxlib.luaL_argerror(L, idx, toLua(`number expected, got ${typeName(L, idx)}`));
    return lua.lua_tonumber(L, idx) as number;
  }

  bytes(i: number): Uint8Array {
    return lauxlib.luaL_checklstring(this.L, i + 1) as Uint8Array;
  }

  tostring(i: number): Uint8Array {
    return printedBytes(this.L, i + 1);
  }

  error(i: number, msg: string): never {
    return lauxlib.luaL_argerror(this.L, i + 1, toLua(msg)) as never;
  }
}

function luaStringFormat(L: LuaState): number {
  const top = lua.lua_gettop(L) as number;
  const fmt = lauxlib.luaL_checklstring(L, 1) as Uint8Array;
  pushOwnedBytes(L, formatBytes(fmt, new LuaFormatArgs(L, top - 1)));
  return 1;
}

function typeName(L: LuaState, idx: number): string {
  const t = lua.lua_type(L, idx) as number;
  return t === lua.LUA_TNONE ? 'no value' : new TextDecoder().decode(lua.lua_typename(L, t) as Uint8Array);
}

function int32(L: LuaState, i: number): number {
  return (lauxlib.luaL_checknumber(L, i) as number) | 0;
}

function openBit(L: LuaState): void {
  // LuaJIT's bit library: 32-bit operations with signed results
  lua.lua_newtable(L);
  const fold = (op: (a: number, b: number) => number, init: number): JsFunction => (LL) => {
    const n = lua.lua_gettop(LL) as number;
    let r = n ? int32(LL, 1) : init;
    for (let i = 2; i <= n; i++) r = op(r, int32(LL, i));
    lua.lua_pushnumber(LL, r | 0);
    return 1;
  };
  setFunc(L, 'band', fold((a, b) => a & b, -1));
  setFunc(L, 'bor', fold((a, b) => a | b, 0));
  setFunc(L, 'bxor', fold((a, b) => a ^ b, 0));
  setFunc(L, 'bnot', (LL) => (lua.lua_pushnumber(LL, ~int32(LL, 1)), 1));
  setFunc(L, 'tobit', (LL) => (lua.lua_pushnumber(LL, int32(LL, 1)), 1));
  setFunc(L, 'lshift', (LL) => (lua.lua_pushnumber(LL, int32(LL, 1) << (int32(LL, 2) & 31)), 1));
  setFunc(L, 'rshift', (LL) => (lua.lua_pushnumber(LL, (int32(LL, 1) >>> (int32(LL, 2) & 31)) | 0), 1));
  setFunc(L, 'arshift', (LL) => (lua.lua_pushnumber(LL, int32(LL, 1) >> (int32(LL, 2) & 31)), 1));
  setFunc(L, 'rol', (LL) => {
    const a = int32(LL, 1), n = int32(LL, 2) & 31;
    lua.lua_pushnumber(LL, (a << n) | (a >>> (32 - n)) | 0);
    return 1;
  });
  setFunc(L, 'ror', (LL) => {
    const a = int32(LL, 1), n = int32(LL, 2) & 31;
    lua.lua_pushnumber(LL, (a >>> n) | (a << (32 - n)) | 0);
    return 1;
  });
  setFunc(L, 'bswap', (LL) => {
    const a = int32(LL, 1);
    lua.lua_pushnumber(LL, ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >>> 8) & 0xff00) | (a >>> 24));
    return 1;
  });
  setFunc(L, 'tohex', (LL) => {
    const a = int32(LL, 1);
    let n = lua.lua_isnoneornil(LL, 2) ? 8 : int32(LL, 2);
    const upper = n < 0;
    n = Math.min(Math.abs(n), 8);
    let s = (a >>> 0).toString(16).padStart(8, '0').slice(8 - n);
    if (upper) s = s.toUpperCase();
    lua.lua_pushstring(LL, toLua(s));
    return 1;
  });
  lua.lua_pushvalue(L, -1);
  lua.lua_setglobal(L, lit('bit'));
  // make `require "bit"` work too
  lua.lua_getglobal(L, lit('package'));
  lua.lua_getfield(L, -1, lit('loaded'));
  lua.lua_pushvalue(L, -3);
  lua.lua_setfield(L, -2, lit('bit'));
  lua.lua_pop(L, 3);
}

/** A file-like table with :write/:flush/:setvbuf/:close that writes to a sink. */
function pushSinkFile(L: LuaState, sink: OutputSink): void {
  lua.lua_newtable(L);
  const write: JsFunction = (LL) => {
    const n = lua.lua_gettop(LL) as number;
    for (let i = 2; i <= n; i++) sink.write(writeArg(LL, i));
    lua.lua_pushvalue(LL, 1);
    return 1;
  };
  setFunc(L, 'write', write);
  setFunc(L, 'flush', (LL) => (sink.flush(), lua.lua_pushvalue(LL, 1), 1));
  setFunc(L, 'setvbuf', (LL) => (lua.lua_pushboolean(LL, true), 1));
  setFunc(L, 'close', (LL) => (lua.lua_pushboolean(LL, true), 1));
}

/** io.write's argument rule: strings as they are, numbers as "%.14g". */
function writeArg(L: LuaState, i: number): Uint8Array {
  if (lua.lua_type(L, i) === lua.LUA_TNUMBER) return numberBytes(lua.lua_tonumber(L, i) as number);
  return lauxlib.luaL_checklstring(L, i) as Uint8Array;
}

/** tables the host filled in the very order LuaJIT's pairs() walks them (see keepPairsOrder) */
const inPairsOrder = new WeakSet<object>();

/**
 * Mark the table at idx as filled, key by key, in LuaJIT's pairs() order: pairs() then
 * walks it in insertion order (Fengari's own), not by the array-part rule below.
 */
export function keepPairsOrder(L: LuaState, idx: number): void {
  inPairsOrder.add(lua.lua_topointer(L, idx) as object);
}

/** next() for the tables of keepPairsOrder */
function nextInInsertionOrder(L: LuaState): number {
  lua.lua_settop(L, 2);
  return lua.lua_next(L, 1) === 0 ? 0 : 2;
}

/**
 * LuaJIT's pairs() visits the array part (1, 2, 3, ...) in order before the hash part.
 * Fengari's tables iterate in insertion order, and table constructors insert their items
 * last to first, so its own pairs() would list {a, b, c} backwards.
 */
function luaPairs(L: LuaState): number {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  if (inPairsOrder.has(lua.lua_topointer(L, 1) as object)) {
    lua.lua_pushjsfunction(L, nextInInsertionOrder);
    lua.lua_pushvalue(L, 1);
    lua.lua_pushnil(L);
    return 3;
  }
  // LuaJIT's array part starts at index 0
  let i = -1;
  let inArray = true;
  let arrayEnd = 0;
  let zeroSeen = false;
  const iter = (LL: LuaState): number => {
    if (inArray) {
      i++;
      if (lua.lua_rawgeti(LL, 1, i) !== lua.LUA_TNIL) {
        if (i === 0) zeroSeen = true;
        lua.lua_pushnumber(LL, i);
        lua.lua_insert(LL, -2);
        return 2;
      }
      lua.lua_pop(LL, 1);
      if (i === 0) {
        // no t[0]: the array part is 1, 2, 3, ...
        i = 0;
        return iter(LL);
      }
      inArray = false;
      arrayEnd = i - 1;
      lua.lua_pushnil(LL);
    } else {
      lua.lua_pushvalue(LL, 2);
    }
    // the rest, skipping the integer keys already visited
    for (;;) {
      if (lua.lua_next(LL, 1) === 0) return 0;
      if (lua.lua_isinteger(LL, -2) || lua.lua_type(LL, -2) === lua.LUA_TNUMBER) {
        const k = lua.lua_tonumber(LL, -2) as number;
        if (Number.isInteger(k) && k >= 0 && k <= arrayEnd && (k > 0 || zeroSeen)) {
          lua.lua_pop(LL, 1);
          continue;
        }
      }
      return 2;
    }
  };
  lua.lua_pushjsfunction(L, iter);
  lua.lua_pushvalue(L, 1);
  lua.lua_pushnil(L);
  return 3;
}

export function createLuaState(opts: RuntimeOptions): LuaState {
  const L = lauxlib.luaL_newstate() as LuaState;
  lualib.luaL_openlibs(L);
  // a JS exception inside one of our API functions becomes an ordinary Lua error
  lua.lua_atnativeerror(L, (LL: LuaState) => {
    const e = lua.lua_touserdata(LL, -1) as unknown;
    lua.lua_pushstring(LL, toLua(e instanceof Error ? e.message : String(e)));
    return 1;
  });

  // print and io.* write into our sinks
  lua.lua_pushjsfunction(L, (LL: LuaState) => {
    const n = lua.lua_gettop(LL) as number;
    for (let i = 1; i <= n; i++) {
      if (i > 1) opts.stdout.write(TAB);
      opts.stdout.write(printedBytes(LL, i));
    }
    opts.stdout.write(NL);
    return 0;
  });
  lua.lua_setglobal(L, lit('print'));
  lua.lua_pushjsfunction(L, (LL: LuaState) => {
    lauxlib.luaL_checkany(LL, 1);
    if (lua.lua_type(LL, 1) === lua.LUA_TNUMBER) pushNumberString(LL, lua.lua_tonumber(LL, 1) as number);
    else lua.lua_pushstring(LL, toStringBytes(LL, 1));
    return 1;
  });
  lua.lua_setglobal(L, lit('tostring'));

  lua.lua_getglobal(L, lit('io'));
  pushSinkFile(L, opts.stdout);
  lua.lua_setfield(L, -2, lit('stdout'));
  pushSinkFile(L, opts.stderr);
  lua.lua_setfield(L, -2, lit('stderr'));
  // io.stdout and io.stderr are tables here (they write to sinspect's sinks), not
  // Fengari file handles: io.type says "file" for them, as LuaJIT does for its files
  lua.lua_getfield(L, -1, lit('type'));
  const fileType = lua.lua_toproxy(L, -1);
  lua.lua_pop(L, 1);
  setFunc(L, 'type', (LL) => {
    lua.lua_getglobal(LL, lit('io'));
    for (const name of ['stdout', 'stderr']) {
      lua.lua_getfield(LL, -1, lit(name));
      const same = lua.lua_rawequal(LL, -1, 1);
      lua.lua_pop(LL, 1);
      if (same) {
        lua.lua_pop(LL, 1);
        lua.lua_pushstring(LL, lit('file'));
        return 1;
      }
    }
    lua.lua_pop(LL, 1);
    fileType(LL);
    lua.lua_insert(LL, 1);
    lua.lua_call(LL, lua.lua_gettop(LL) - 1, 1);
    return 1;
  });
  setFunc(L, 'write', (LL) => {
    const n = lua.lua_gettop(LL) as number;
    for (let i = 1; i <= n; i++) opts.stdout.write(writeArg(LL, i));
    lua.lua_getglobal(LL, lit('io'));
    lua.lua_getfield(LL, -1, lit('stdout'));
    return 1;
  });
  setFunc(L, 'flush', () => (opts.stdout.flush(), 0));
  lua.lua_pop(L, 1);

  // os.exit unwinds the Lua stack; the engine turns it into ChiselExit
  lua.lua_getglobal(L, lit('os'));
  setFunc(L, 'exit', (LL) => {
    let code = 0;
    if (lua.lua_isboolean(LL, 1)) code = lua.lua_toboolean(LL, 1) ? 0 : 1;
    else if (!lua.lua_isnoneornil(LL, 1)) code = (lauxlib.luaL_checknumber(LL, 1) as number) | 0;
    opts.onExit(code);
    lua.lua_pushstring(LL, lit(EXIT_MARKER));
    return lua.lua_error(LL) as number;
  });
  lua.lua_pop(L, 1);

  // string.format with C/LuaJIT semantics; string.gfind (5.0/5.1 name of gmatch)
  lua.lua_getglobal(L, lit('string'));
  setFunc(L, 'format', luaStringFormat);
  lua.lua_getfield(L, -1, lit('gmatch'));
  lua.lua_setfield(L, -2, lit('gfind'));
  lua.lua_pop(L, 1);

  // math: floats everywhere (Fengari's integers are 32-bit), and the 5.1 names
  lua.lua_getglobal(L, lit('math'));
  setFunc(L, 'floor', (LL) => (lua.lua_pushnumber(LL, Math.floor(lauxlib.luaL_checknumber(LL, 1) as number)), 1));
  setFunc(L, 'ceil', (LL) => (lua.lua_pushnumber(LL, Math.ceil(lauxlib.luaL_checknumber(LL, 1) as number)), 1));
  setFunc(L, 'mod', (LL) => {
    const a = lauxlib.luaL_checknumber(LL, 1) as number;
    const b = lauxlib.luaL_checknumber(LL, 2) as number;
    lua.lua_pushnumber(LL, a % b);
    return 1;
  });
  lua.lua_getfield(L, -1, lit('mod'));
  lua.lua_setfield(L, -2, lit('fmod'));
  setFunc(L, 'pow', (LL) => (lua.lua_pushnumber(LL, Math.pow(lauxlib.luaL_checknumber(LL, 1), lauxlib.luaL_checknumber(LL, 2))), 1));
  setFunc(L, 'log10', (LL) => (lua.lua_pushnumber(LL, Math.log10(lauxlib.luaL_checknumber(LL, 1))), 1));
  setFunc(L, 'ldexp', (LL) => (lua.lua_pushnumber(LL, (lauxlib.luaL_checknumber(LL, 1) as number) * Math.pow(2, lauxlib.luaL_checknumber(LL, 2))), 1));
  setFunc(L, 'cosh', (LL) => (lua.lua_pushnumber(LL, Math.cosh(lauxlib.luaL_checknumber(LL, 1))), 1));
  setFunc(L, 'sinh', (LL) => (lua.lua_pushnumber(LL, Math.sinh(lauxlib.luaL_checknumber(LL, 1))), 1));
  setFunc(L, 'tanh', (LL) => (lua.lua_pushnumber(LL, Math.tanh(lauxlib.luaL_checknumber(LL, 1))), 1));
  setFunc(L, 'atan2', (LL) => (lua.lua_pushnumber(LL, Math.atan2(lauxlib.luaL_checknumber(LL, 1), lauxlib.luaL_checknumber(LL, 2))), 1));
  setFunc(L, 'frexp', (LL) => {
    const x = lauxlib.luaL_checknumber(LL, 1) as number;
    if (x === 0 || !Number.isFinite(x)) {
      lua.lua_pushnumber(LL, x);
      lua.lua_pushnumber(LL, 0);
      return 2;
    }
    let e = Math.ceil(Math.log2(Math.abs(x)));
    let m = x / Math.pow(2, e);
    if (Math.abs(m) >= 1) { m /= 2; e++; }
    if (Math.abs(m) < 0.5) { m *= 2; e--; }
    lua.lua_pushnumber(LL, m);
    lua.lua_pushnumber(LL, e);
    return 2;
  });
  lua.lua_pop(L, 1);

  // table.getn / setn / maxn and the global unpack
  lua.lua_getglobal(L, lit('table'));
  setFunc(L, 'getn', (LL) => {
    lauxlib.luaL_checktype(LL, 1, lua.LUA_TTABLE);
    lua.lua_pushnumber(LL, lauxlib.luaL_len(LL, 1) as number);
    return 1;
  });
  setFunc(L, 'setn', () => 0);
  // LuaJIT's table.insert: no bounds check on the position (spy_users inserts at 0)
  setFunc(L, 'insert', (LL) => {
    lauxlib.luaL_checktype(LL, 1, lua.LUA_TTABLE);
    const nargs = lua.lua_gettop(LL) as number;
    let i = (lua.lua_rawlen(LL, 1) as number) + 1;
    if (nargs !== 2) {
      if (nargs !== 3) return lauxlib.luaL_error(LL, lit("wrong number of arguments to 'insert'")) as number;
      const pos = Math.trunc(lauxlib.luaL_checknumber(LL, 2) as number);
      for (; i > pos; i--) {
        lua.lua_rawgeti(LL, 1, i - 1);
        lua.lua_rawseti(LL, 1, i);
      }
      i = pos;
    }
    lua.lua_pushvalue(LL, nargs);
    lua.lua_rawseti(LL, 1, i);
    return 0;
  });
  setFunc(L, 'maxn', (LL) => {
    lauxlib.luaL_checktype(LL, 1, lua.LUA_TTABLE);
    let max = 0;
    lua.lua_pushnil(LL);
    while (lua.lua_next(LL, 1) !== 0) {
      lua.lua_pop(LL, 1);
      if (lua.lua_type(LL, -1) === lua.LUA_TNUMBER) max = Math.max(max, lua.lua_tonumber(LL, -1) as number);
    }
    lua.lua_pushnumber(LL, max);
    return 1;
  });
  lua.lua_getfield(L, -1, lit('unpack'));
  lua.lua_setglobal(L, lit('unpack'));
  lua.lua_pop(L, 1);

  // loadstring(s [, chunkname]) is load() in 5.2+; getfenv/setfenv only know the globals
  lua.lua_getglobal(L, lit('load'));
  lua.lua_setglobal(L, lit('loadstring'));
  lua.lua_pushjsfunction(L, (LL: LuaState) => (lua.lua_pushglobaltable(LL), 1));
  lua.lua_setglobal(L, lit('getfenv'));
  lua.lua_pushjsfunction(L, (LL: LuaState) => (lua.lua_pushvalue(LL, 1), 1));
  lua.lua_setglobal(L, lit('setfenv'));

  // pairs(): array part first, ascending, as LuaJIT iterates; then the other keys
  lua.lua_pushjsfunction(L, luaPairs);
  lua.lua_setglobal(L, lit('pairs'));

  openBit(L);

  lua.lua_getglobal(L, lit('package'));
  lua.lua_pushstring(L, toLua(opts.packagePath));
  lua.lua_setfield(L, -2, lit('path'));
  lua.lua_pop(L, 1);
  return L;
}

/** The error value on top of the stack as a one-line string. */
export function errorText(L: LuaState): string {
  const t = lua.lua_type(L, -1) as number;
  let msg: string;
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) msg = new TextDecoder().decode(lua.lua_tostring(L, -1) as Uint8Array);
  else if (t === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, -1) instanceof Error) msg = (lua.lua_touserdata(L, -1) as Error).message;
  else msg = `(error object is a ${typeName(L, -1)} value)`;
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}
