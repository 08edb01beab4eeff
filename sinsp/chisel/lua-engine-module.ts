// `require "sinspect.engine"`: TypeScript helpers for sinspect's bundled Lua chisels, so
// that their per-event work needs no Lua call. sysdig's chisels never ask for it.
//
//   local engine = require "sinspect.engine"
//   local agg = engine.top_aggregator({h1, h2}, value_handle, scale, keep_zero)
//   ... agg.totals()  -- { [key] = total, ... }, keys in first-added order
//   ... agg.reset()
// (handles from chisel.request_field; see top-aggregator.ts for what is added up)
import { lua, lauxlib, lit, type LuaState, type JsFunction } from './fengari.js';
import { FieldHandle, type ChiselRuntime } from './runtime.js';
import { TopAggregator } from './top-aggregator.js';

function handleAt(L: LuaState, idx: number, what: string): FieldHandle {
  const h = lua.lua_touserdata(L, idx) as unknown;
  if (!(h instanceof FieldHandle)) {
    lauxlib.luaL_error(L, lit(`top_aggregator: ${what} is not a field from chisel.request_field`));
  }
  return h as FieldHandle;
}

function setFunc(L: LuaState, name: string, f: JsFunction): void {
  lua.lua_pushjsfunction(L, f);
  lua.lua_setfield(L, -2, lit(name));
}

function topAggregator(rt: ChiselRuntime): JsFunction {
  return (L) => {
    lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
    const keys: FieldHandle[] = [];
    const n = lua.lua_rawlen(L, 1) as number;
    for (let i = 1; i <= n; i++) {
      lua.lua_rawgeti(L, 1, i);
      keys.push(handleAt(L, -1, `key ${i}`));
      lua.lua_pop(L, 1);
    }
    if (keys.length === 0) lauxlib.luaL_error(L, lit('top_aggregator: no key fields'));
    const value = handleAt(L, 2, 'the value');
    const scale = lua.lua_isnoneornil(L, 3) ? 1 : (lauxlib.luaL_checknumber(L, 3) as number);
    const agg = new TopAggregator(rt, { keys, value, scale, keepZero: lua.lua_toboolean(L, 4) as boolean });
    rt.eventHooks.push(agg);

    lua.lua_newtable(L);
    setFunc(L, 'totals', (LL) => {
      lua.lua_newtable(LL);
      for (const t of agg.entries()) {
        lua.lua_pushstring(LL, t.key);
        lua.lua_pushnumber(LL, t.value);
        lua.lua_rawset(LL, -3);
      }
      return 1;
    });
    setFunc(L, 'reset', () => (agg.reset(), 0));
    return 1;
  };
}

/** Make `require "sinspect.engine"` return the helpers, bound to this chisel's runtime. */
export function installEngineModule(L: LuaState, rt: ChiselRuntime): void {
  lua.lua_getglobal(L, lit('package'));
  lua.lua_getfield(L, -1, lit('preload'));
  lua.lua_pushjsfunction(L, (LL: LuaState) => {
    lua.lua_newtable(LL);
    setFunc(LL, 'top_aggregator', topAggregator(rt));
    return 1;
  });
  lua.lua_setfield(L, -2, lit('sinspect.engine'));
  lua.lua_pop(L, 2);
}
