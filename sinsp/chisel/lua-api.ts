// The `sysdig`, `chisel` and `evt` tables a Lua chisel sees, bound to one ChiselRuntime.
import { isatty } from 'node:tty';
import { lua, lauxlib, lit, toLua, fromLua, pushInterned, setFastCall, setSlot, slotUserdata, type LuaState, type JsFunction } from './fengari.js';
import { FieldHandle, makeTs, addTs, subtractTs, type ApiValue, type ChiselRuntime, type ThreadEntry } from './runtime.js';
import { terminalSize } from './terminal.js';
import { keepPairsOrder } from './lua-runtime.js';
import type { OutputSink } from './env.js';

/** Push a JS value converted the way sysdig converts field values. */
export function pushApiValue(L: LuaState, v: ApiValue | undefined): void {
  switch (typeof v) {
    case 'number':
      lua.lua_pushnumber(L, v);
      break;
    case 'string':
      pushInterned(L, v);
      break;
    case 'boolean':
      lua.lua_pushboolean(L, v);
      break;
    case 'undefined':
      lua.lua_pushnil(L);
      break;
    default:
      lua.lua_pushstring(L, v);
  }
}

function optString(L: LuaState, i: number): string | undefined {
  const t = lua.lua_type(L, i) as number;
  if (t !== lua.LUA_TSTRING && t !== lua.LUA_TNUMBER) return undefined;
  return fromLua(lua.lua_tostring(L, i) as Uint8Array);
}

function checkString(L: LuaState, i: number): string {
  return fromLua(lauxlib.luaL_checklstring(L, i) as Uint8Array);
}

function setNum(L: LuaState, k: string, v: number): void {
  lua.lua_pushnumber(L, v);
  lua.lua_setfield(L, -2, lit(k));
}
function setStr(L: LuaState, k: string, v: string): void {
  lua.lua_pushstring(L, toLua(v));
  lua.lua_setfield(L, -2, lit(k));
}

/**
 * The maps come in the order sysdig's pairs() gives (see ChiselRuntime.threadTable): the
 * thread table and the fd tables get their keys in that order and pairs() keeps to it.
 */
function pushThreadTable(L: LuaState, table: Map<number, ThreadEntry>): void {
  lua.lua_newtable(L);
  keepPairsOrder(L, -1);
  for (const [tid, t] of table) {
    lua.lua_newtable(L);
    for (const [k, v] of Object.entries(t)) {
      if (k === 'fdtable' || v === undefined) continue;
      if (Array.isArray(v)) {
        lua.lua_newtable(L);
        v.forEach((s: string, i: number) => {
          lua.lua_pushstring(L, toLua(s));
          lua.lua_rawseti(L, -2, i + 1);
        });
        lua.lua_setfield(L, -2, lit(k));
      } else if (typeof v === 'number') setNum(L, k, v);
      else setStr(L, k, String(v));
    }
    lua.lua_newtable(L);
    keepPairsOrder(L, -1);
    for (const [fd, e] of t.fdtable) {
      lua.lua_newtable(L);
      for (const [k, v] of Object.entries(e)) {
        if (typeof v === 'number') setNum(L, k, v);
        else if (typeof v === 'boolean') {
          lua.lua_pushboolean(L, v);
          lua.lua_setfield(L, -2, lit(k));
        } else if (typeof v === 'string') setStr(L, k, v);
      }
      lua.lua_rawseti(L, -2, fd);
    }
    lua.lua_setfield(L, -2, lit('fdtable'));
    lua.lua_rawseti(L, -2, tid);
  }
}

function register(L: LuaState, name: string, funcs: Record<string, JsFunction>): void {
  lua.lua_newtable(L);
  for (const [k, f] of Object.entries(funcs)) {
    lua.lua_pushjsfunction(L, f);
    lua.lua_setfield(L, -2, lit(k));
  }
  lua.lua_setglobal(L, lit(name));
}

/** Raise a Lua error carrying a JS error's message. */
function fail(L: LuaState, e: unknown): number {
  lua.lua_pushstring(L, toLua(e instanceof Error ? e.message : String(e)));
  return lua.lua_error(L) as number;
}

/** Wrap a binding so that thrown JS errors become Lua errors with their message. */
function guard(f: JsFunction): JsFunction {
  return (L) => {
    let r: number;
    try {
      r = f(L);
    } catch (e) {
      return fail(L, e);
    }
    return r;
  };
}

export function installApi(L: LuaState, rt: ChiselRuntime, stderr: OutputSink): void {
  const threadTable = (includeFds: boolean, barebone: boolean): JsFunction =>
    guard((LL) => {
      pushThreadTable(LL, rt.threadTable(optString(LL, 1), includeFds, barebone));
      return 1;
    });

  register(L, 'sysdig', {
    set_filter: guard((LL) => (rt.setGlobalFilter(optString(LL, 1) ?? ''), 0)),
    set_snaplen: (LL) => (rt.env.setSnaplen?.(lua.lua_tonumber(LL, 1) as number), 0),
    set_output_format: guard((LL) => (rt.setOutputFormat(optString(LL, 1) ?? ''), 0)),
    set_fatfile_dump_mode: () => 0,
    is_live: (LL) => (lua.lua_pushboolean(LL, rt.env.isLive), 1),
    is_tty: (LL) => (lua.lua_pushboolean(LL, isatty(1)), 1),
    get_terminal_info: (LL) => {
      const { width, height } = terminalSize();
      lua.lua_newtable(LL);
      setNum(LL, 'width', width);
      setNum(LL, 'height', height);
      return 1;
    },
    get_filter: (LL) => (lua.lua_pushstring(LL, toLua(rt.env.getGlobalFilter?.() ?? '')), 1),
    get_machine_info: guard((LL) => {
      const m = rt.machineInfo();
      lua.lua_newtable(LL);
      setNum(LL, 'num_cpus', m.num_cpus);
      setNum(LL, 'memory_size_bytes', m.memory_size_bytes);
      setNum(LL, 'max_pid', m.max_pid);
      setStr(LL, 'hostname', m.hostname);
      return 1;
    }),
    get_thread_table: threadTable(true, false),
    get_thread_table_nofds: threadTable(false, false),
    get_thread_table_barebone: threadTable(true, true),
    get_thread_table_barebone_nofds: threadTable(false, true),
    get_container_table: (LL) => {
      lua.lua_newtable(LL);
      rt.containerTable().forEach((c, i) => {
        lua.lua_newtable(LL);
        setStr(LL, 'id', c.id);
        setStr(LL, 'name', c.name);
        setStr(LL, 'image', c.image);
        setStr(LL, 'type', c.type);
        lua.lua_rawseti(LL, -2, i + 1);
      });
      return 1;
    },
    is_print_container_data: (LL) => (lua.lua_pushboolean(LL, rt.env.printContainerData ?? false), 1),
    get_output_format: (LL) => (lua.lua_pushstring(LL, lit(rt.outputFormat())), 1),
    get_evtsource_name: (LL) => (lua.lua_pushstring(LL, toLua(rt.env.isLive ? '' : rt.env.inputFile)), 1),
    get_firstevent_ts: (LL) => (lua.lua_pushstring(LL, toLua(rt.firstEventTs())), 1),
    get_lastevent_ts: (LL) => (lua.lua_pushstring(LL, toLua(rt.lastEventTs())), 1),
    make_ts: (LL) => {
      lua.lua_pushstring(LL, toLua(makeTs(lua.lua_tonumber(LL, 1) as number, lua.lua_tonumber(LL, 2) as number)));
      return 1;
    },
    add_ts: (LL) => (lua.lua_pushstring(LL, toLua(addTs(optString(LL, 1) ?? '0', optString(LL, 2) ?? '0'))), 1),
    subtract_ts: (LL) => (lua.lua_pushstring(LL, toLua(subtractTs(optString(LL, 1) ?? '0', optString(LL, 2) ?? '0'))), 1),
    run_app: (LL) => ((rt.nextRunArgs = optString(LL, 1) ?? ''), 0),
    run_sysdig: (LL) => ((rt.nextRunArgs = optString(LL, 1) ?? ''), 0),
    end_capture: () => ((rt.endCapture = true), 0),
    log: (LL) => {
      const msg = optString(LL, 1) ?? '';
      const sev = optString(LL, 2) ?? 'info';
      // sysdig's logger is silent unless configured; we only surface warnings and worse
      if (sev === 'warning' || sev === 'error' || sev === 'critical') stderr.write(msg + '\n');
      return 0;
    },
    udp_setpeername: guard((LL) => {
      rt.udpPeer = { addr: checkString(LL, 1), port: Number(checkString(LL, 2)) };
      return 0;
    }),
    udp_send: guard((LL) => (rt.udpSend(lauxlib.luaL_checklstring(LL, 1) as Uint8Array), 0)),
    get_read_progress: (LL) => (lua.lua_pushnumber(LL, rt.env.readProgress?.() ?? 0), 1),
  });

  register(L, 'chisel', {
    request_field: guard((LL) => {
      lua.lua_pushlightuserdata(LL, rt.requestField(optString(LL, 1)));
      return 1;
    }),
    set_filter: guard((LL) => (rt.setFilter(optString(LL, 1) ?? ''), 0)),
    set_event_formatter: guard((LL) => (rt.setEventFormatter(optString(LL, 1) ?? ''), 0)),
    set_interval_ns: (LL) => (rt.setIntervalNs(lua.lua_tonumber(LL, 1) as number), 0),
    set_interval_s: (LL) => (rt.setIntervalNs((lua.lua_tonumber(LL, 1) as number) * 1e9), 0),
    set_precise_interval_ns: (LL) => (rt.setPreciseIntervalNs(lua.lua_tonumber(LL, 1) as number), 0),
    exec: guard((LL) => {
      const args: string[] = [];
      for (let i = 2; ; i++) {
        const a = optString(LL, i);
        if (a === undefined) break;
        args.push(a);
      }
      rt.exec(optString(LL, 1), args);
      return 0;
    }),
  });

  const field = guard((LL) => {
    const h = lua.lua_touserdata(LL, 1) as unknown;
    // sysdig returns nil for a handle that request_field did not make
    if (!(h instanceof FieldHandle)) {
      lua.lua_pushnil(LL);
      return 1;
    }
    pushApiValue(LL, rt.field(h));
    return 1;
  });
  // evt.field(h) as the VM calls it directly (a few times per event); anything unusual
  // (not a handle, no current event) is left to the ordinary call and its messages
  setFastCall(field, (stack, ra, nresults) => {
    const h = slotUserdata(stack[ra + 1]!);
    if (!(h instanceof FieldHandle) || rt.current === undefined) return -1;
    // extracted even when the value is dropped: some fields keep state across events
    const v = rt.field(h);
    if (nresults === 0) return 0;
    setSlot(stack[ra]!, v);
    return 1;
  });

  register(L, 'evt', {
    field,
    get_num: guard((LL) => (lua.lua_pushnumber(LL, rt.event('get_num').num), 1)),
    get_ts: guard((LL) => {
      const ts = rt.event('get_ts').ts;
      lua.lua_pushnumber(LL, Number((ts / 1000000000n) & 0xffffffffn));
      lua.lua_pushnumber(LL, Number(ts % 1000000000n));
      return 2;
    }),
    get_type: guard((LL) => (pushInterned(LL, rt.eventTypeName(rt.event('get_type'))), 1)),
    get_cpuid: guard((LL) => (lua.lua_pushnumber(LL, rt.event('get_cpuid').cpu), 1)),
  });
}
