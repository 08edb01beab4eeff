// sinspect.engine's top_aggregator adds up in TypeScript what the "top N" helper's Lua loop
// added up: same keys, same totals, same key order.
import test from 'ava';
import { loadChisel, ChiselSet } from '../../sinsp/chisel/index.js';
import { makeWorld, writeChisel, makeEvent, HEADER, type Spec } from './helpers.js';

const S = 1_000_000_000n;

const EVENTS: Spec[] = [
  { num: 1, ts: 10n * S, type: 7, val: 5, str: 'b' },
  { num: 2, ts: 11n * S, type: 7, val: 7, str: 'a' },
  { num: 3, ts: 12n * S, type: 2, val: 100, str: 'a' },
  { num: 4, ts: 13n * S, type: 7, val: -3, str: 'c' },
  { num: 5, ts: 14n * S, type: 7, str: 'd' },
  { num: 6, ts: 15n * S, type: 7, val: 0.5, str: 'b' },
  { num: 7, ts: 16n * S, type: 7, val: 4 },
  { num: 8, ts: 17n * S, type: 7, val: 1, str: 'b' },
];

/**
 * A chisel that adds test.val by (test.str, test.val) both ways: with the aggregator and
 * with the Lua loop the helper used to run; it prints both tables in iteration order.
 */
function chisel(scale: number, keepZero: boolean): string {
  return `${HEADER}
local engine = require "sinspect.engine"
local agg, keys, value
local ref = {}
function on_init()
  keys = { chisel.request_field("test.str"), chisel.request_field("test.val") }
  value = chisel.request_field("test.val")
  agg = engine.top_aggregator(keys, value, ${scale}, ${keepZero})
  chisel.set_filter("evt.type=read")
  return true
end
function on_event()
  local key
  for i, f in ipairs(keys) do
    local v = evt.field(f)
    if v == nil then return true end
    if key == nil then key = tostring(v) else key = key .. "\\001\\001" .. tostring(v) end
  end
  local v = evt.field(value)
  if v == nil then
    if not ${keepZero} then return true end
    v = 0
  end
  if v > 0 or ${keepZero} then ref[key] = (ref[key] or 0) + v * ${scale} end
  return true
end
local function dump(t)
  local s = ""
  for k, v in pairs(t) do s = s .. k:gsub("\\001\\001", "|") .. "=" .. v .. " " end
  return s
end
function on_capture_end()
  print(dump(agg.totals()))
  print(dump(ref))
  agg.reset()
  print("after reset: " .. dump(agg.totals()))
end
`;
}

async function run(source: string): Promise<string[]> {
  const w = makeWorld();
  const path = writeChisel(w, 'agg.lua', source);
  const set = new ChiselSet([await loadChisel(path, undefined, w.env)]);
  set.init();
  set.captureStart();
  for (const s of EVENTS) set.event(makeEvent(s));
  set.end();
  return w.out.text().split('\n');
}

test('totals, keys and their order match the Lua loop', async (t) => {
  const [agg, ref, after] = await run(chisel(10, false));
  t.is(agg, 'b|5=50 a|7=70 b|0.5=5 b|1=10 ');
  t.is(agg, ref);
  t.is(after, 'after reset: ');
});

test('keep_zero counts missing, zero and negative values', async (t) => {
  const [agg, ref] = await run(chisel(1, true));
  t.is(agg, 'b|5=5 a|7=7 c|-3=-3 b|0.5=0.5 b|1=1 ');
  t.is(agg, ref);
});

test('a key or value that is not a requested field is a Lua error', async (t) => {
  const w = makeWorld();
  const path = writeChisel(
    w,
    'bad.lua',
    `${HEADER}
local engine = require "sinspect.engine"
function on_init() engine.top_aggregator({ 1 }, chisel.request_field("test.val")) return true end
`,
  );
  const set = new ChiselSet([await loadChisel(path, undefined, w.env)]);
  const e = t.throws(() => set.init());
  t.regex(e!.message, /bad\.lua: error in init\(\): .*top_aggregator: key 1 is not a field from chisel\.request_field/);
});
