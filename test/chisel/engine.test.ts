// The chisel lifecycle and API on synthetic events, with small inline chisels.
import test from 'ava';
import { loadChisel, openChisel, ChiselSet, ChiselError, ChiselExit, listChisels, describeChisel, chiselArgTokens } from '../../sinsp/chisel/index.js';
import { makeWorld, writeChisel, makeEvent, HEADER, type World } from './helpers.js';

const S = 1_000_000_000n;

function events(): ReturnType<typeof makeEvent>[] {
  return [
    makeEvent({ num: 1, ts: 10n * S + 100n, type: 2, val: 5, str: 'a' }),
    makeEvent({ num: 2, ts: 10n * S + 900n, type: 7, val: 7, str: 'b' }),
    makeEvent({ num: 3, ts: 11n * S + 50n, type: 7, val: 1, str: 'a' }),
    makeEvent({ num: 4, ts: 13n * S, type: 2, val: 2, str: 'c' }),
  ];
}

/** The state keeps capture timestamps as two 32-bit halves. */
function setTs(w: World, which: 'first' | 'last', ts: bigint): void {
  const st = w.state as unknown as Record<string, number>;
  st[`${which}EventTsHi`] = Number(ts >> 32n);
  st[`${which}EventTsLo`] = Number(ts & 0xffffffffn);
}

/** Run a whole capture over the synthetic events, as the CLI does. */
async function runCapture(w: World, name: string, args?: string): Promise<string> {
  const set = new ChiselSet([await loadChisel(name, args, w.env)]);
  set.init();
  const evs = events();
  setTs(w, 'first', evs[0]!.ts);
  set.captureStart();
  for (const ev of evs) {
    setTs(w, 'last', ev.ts);
    if (!set.event(ev)) break;
  }
  set.end();
  return w.out.text();
}

test('callbacks run in sysdig order with their arguments', async (t) => {
  const w = makeWorld();
  writeChisel(
    w,
    'order.lua',
    `description = "d"; short_description = "s"; category = "c"
args = { { name = "a", description = "x", argtype = "string" }, { name = "b", description = "y", argtype = "int", optional = true } }
function on_set_arg(n, v) print("set_arg", n, v) return true end
function on_init() print("init") return true end
function on_capture_start() print("start") return true end
function on_event() print("event", evt.get_num()) return true end
function on_capture_end(s, ns, delta) print("end", s, ns, delta) end`,
  );
  const out = await runCapture(w, 'order', "one 'two words'");
  t.is(
    out,
    'set_arg\ta\tone\nset_arg\tb\ttwo words\ninit\nstart\nevent\t1\nevent\t2\nevent\t3\nevent\t4\nend\t13\t0\t2999999900\n',
  );
});

test("the chisel's filter runs before on_event; fields are read on demand", async (t) => {
  const w = makeWorld();
  writeChisel(
    w,
    'filt.lua',
    HEADER +
      `local v, s, ip
function on_init() v = chisel.request_field("test.val") s = chisel.request_field("test.str") ip = chisel.request_field("test.ip")
  chisel.set_filter("evt.type=read") return true end
function on_event() print(evt.field(v) * 2, evt.field(s), evt.field(ip), evt.get_type(), evt.get_cpuid()) return true end`,
  );
  t.is(await runCapture(w, 'filt'), '14\tb\t127.0.0.1\tread\t1\n2\ta\t127.0.0.1\tread\t1\n');
});

test('evt.buffer reaches chisels as rendered text, raw fields as bytes', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'buf.lua', HEADER + `local b function on_init() b = chisel.request_field("evt.buffer") return true end
function on_event() print(evt.field(b)) sysdig.end_capture() return true end`);
  t.is(await runCapture(w, 'buf'), 'a..b\n');
});

test('set_event_formatter prints a line for accepted events', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'fmt.lua', HEADER + `function on_init() chisel.set_event_formatter("%evt.num %evt.type") return true end
function on_event() return evt.get_num() ~= 2 end`);
  t.is(await runCapture(w, 'fmt'), '1 open\n3 read\n4 open\n');
});

test('on_interval fires on trace time, with the event that crossed the boundary', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'iv.lua', HEADER + `function on_init() chisel.set_interval_s(1) return true end
function on_interval(s, ns, delta) print("tick", s, ns, delta, evt.get_num()) return true end`);
  t.is(await runCapture(w, 'iv'), 'tick\t11\t50\t0\t3\ntick\t13\t0\t1999999950\t4\n');
});

test('precise intervals fire once per elapsed period', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'piv.lua', HEADER + `function on_init() chisel.set_precise_interval_ns(1000000000) return true end
function on_interval(s, ns, delta) print(s, ns) return true end`);
  // each call gets the start of its period, counted from the first event
  t.is(await runCapture(w, 'piv'), '10\t100\n11\t100\n');
});

test('end_capture stops the capture and on_capture_end still runs', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'stop.lua', HEADER + `function on_event() print(evt.get_num()) if evt.get_num() == 2 then sysdig.end_capture() end return true end
function on_capture_end() print("bye") end`);
  t.is(await runCapture(w, 'stop'), '1\n2\nbye\n');
});

test('chisel.exec replaces the chisel with another one and its arguments', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'inner.lua', `description = "d"; short_description = "s"; category = "c"
args = { { name = "x", description = "", argtype = "string" }, { name = "y", description = "", argtype = "string" } }
function on_set_arg(n, v) print(n, v) return true end
function on_init() return true end`);
  writeChisel(w, 'outer.lua', HEADER + `function on_init() chisel.exec("inner", "a b", "c") return true end`);
  t.is(await runCapture(w, 'outer'), 'x\ta b\ny\tc\n');
});

test('sysdig.* helpers: timestamps, filter, evt source, thread table', async (t) => {
  const w = makeWorld();
  w.globalFilter = 'evt.type=open';
  const { ThreadInfo } = await import('../../sinsp/state/thread.js');
  const { FdInfo, FdType } = await import('../../sinsp/state/fd.js');
  const th = new ThreadInfo();
  Object.assign(th, { tid: 42, pid: 42, comm: 'cat', uid: 0, fdlimit: -1 });
  const fd = new FdInfo();
  Object.assign(fd, { fd: 3, type: FdType.FILE, name: '/etc/pass\twd' });
  th.fdTable.set(fd);
  w.state.threads.set(42, th);
  w.state.users.set(0, { uid: 0, gid: 0, name: 'root', homedir: '/root', shell: '/bin/sh' });
  writeChisel(w, 'sys.lua', HEADER + `function on_init()
  print(sysdig.make_ts(2, 5), sysdig.add_ts("10", "5"), sysdig.subtract_ts("10", "15"))
  print(sysdig.get_filter(), sysdig.get_evtsource_name(), sysdig.is_live(), sysdig.get_output_format())
  local tt = sysdig.get_thread_table()
  print(tt[42].comm, tt[42].username, tt[42].fdlimit, tt[42].fdtable[3].name, tt[42].fdtable[3].type)
  return true end`);
  t.is(
    await runCapture(w, 'sys'),
    '2000000005\t15\t-5\nevt.type=open\ttest.scap\tfalse\tnormal\ncat\troot\t4294967295\t/etc/passwd\tfile\n',
  );
});

test('a syntax error names the chisel and file:line', async (t) => {
  const w = makeWorld();
  const p = writeChisel(w, 'bad.lua', HEADER + 'function on_event(\n');
  const e = await t.throwsAsync(() => loadChisel('bad', undefined, w.env), { instanceOf: ChiselError });
  t.is(e?.message, `Failed to load chisel bad: ${p}:3: <name> or '...' expected near <eof>`);
});

test('a runtime error in on_event is one line with file:line', async (t) => {
  const w = makeWorld();
  const p = writeChisel(w, 'boom.lua', HEADER + 'function on_event()\n  local x = nil\n  return x.y\nend\n');
  const e = await t.throwsAsync(() => runCapture(w, 'boom'), { instanceOf: ChiselError });
  t.is(e?.message, `boom chisel error: ${p}:4: attempt to index a nil value (local 'x')`);
});

test('missing chisel, missing and extra arguments, failed init', async (t) => {
  const w = makeWorld();
  await t.throwsAsync(() => loadChisel('nope', undefined, w.env), { message: 'chisel nope not found - use -cl to list them.' });
  writeChisel(w, 'req.lua', `description = "d"; short_description = "s"; category = "c"
args = { { name = "n", description = "", argtype = "int" } }
function on_set_arg(n, v) return v ~= "bad" end
function on_init() return false end`);
  await t.throwsAsync(() => loadChisel('req', undefined, w.env), { message: 'missing arguments for chisel req' });
  await t.throwsAsync(() => loadChisel('req', '1 2', w.env), { message: 'too many parameters for chisel req, 1 required, 0 optional, 2 given' });
  await t.throwsAsync(() => loadChisel('req', 'bad', w.env), { message: 'set_arg() for chisel req failed.' });
  await t.throwsAsync(() => loadChisel('req', "'open", w.env), { message: 'corrupted parameters for chisel req' });
  const ch = await loadChisel('req', '1', w.env);
  t.throws(() => ch.init(), { message: 'init() for chisel req failed.' });
  writeChisel(w, 'noargs.lua', 'description = "d"');
  await t.throwsAsync(() => loadChisel('noargs', undefined, w.env), { message: 'Failed to load chisel noargs: args table missing' });
});

test('os.exit becomes ChiselExit with the code', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'quit.lua', HEADER + 'function on_init() os.exit(4) end');
  const ch = await loadChisel('quit', undefined, w.env);
  const e = t.throws(() => ch.init(), { instanceOf: ChiselExit });
  t.is(e?.code, 4);
});

test('a path to a .lua file works, and require finds helpers in the chisel directories', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'helper.lua', 'return { twice = function(x) return 2 * x end }');
  const p = writeChisel(w, 'usehelper.lua', HEADER + 'local h = require "helper"\nfunction on_init() print(h.twice(21)) return true end');
  t.is(await runCapture(w, p), '42\n');
});

test('JavaScript chisels use the same API', async (t) => {
  const w = makeWorld();
  writeChisel(
    w,
    'count.mjs',
    `export const description = 'counts'; export const short_description = 'count'; export const category = 'Test';
export const args = [{ name: 'type', description: 'event type', argtype: 'string' }];
export function create(api) {
  let type = ''; let n = 0; let f;
  return {
    on_set_arg(name, value) { type = value; return true; },
    on_init() { f = api.chisel.request_field('test.val'); api.chisel.set_filter('evt.type=' + type); return true; },
    on_event() { n += api.evt.field(f); return true; },
    on_capture_end() { api.print(type, n); },
  };
}`,
  );
  t.is(await runCapture(w, 'count', 'read'), 'read\t8\n');
});

test('-cl groups by category; -i prints description and arguments', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'zeta.lua', `description = "${'x'.repeat(85)}"; short_description = "short z"; category = "B"
args = { { name = "arg1", description = "the first", argtype = "int" } }`);
  writeChisel(w, 'alpha.lua', 'description = "a"; short_description = "short a"; category = "A"; args = {}');
  writeChisel(w, 'hidden.lua', 'description = "h"; short_description = "h"; category = "A"; hidden = true; args = {}');
  writeChisel(w, 'helper2.lua', 'return {}');
  t.is(
    await listChisels([w.dir + '/']),
    '\nCategory: A\n-----------\nalpha           short a\n\nCategory: B\n-----------\nzeta            short z\n\nUse the -i flag to get detailed information about a specific chisel\n',
  );
  t.is(
    await describeChisel('zeta', [w.dir + '/']),
    `\nCategory: B\n-----------\nzeta            short z\n\n${'x'.repeat(79)}\n${'x'.repeat(6)}\nArgs:\n[int] arg1 - the first\n\n`,
  );
  await t.throwsAsync(() => describeChisel('missing', [w.dir + '/']), { message: 'chisel missing not found - use -cl to list them.' });
});

test('command-line tokens claimed by a chisel follow sysdig', async (t) => {
  const w = makeWorld();
  writeChisel(w, 'opt.lua', `description = "d"; short_description = "s"; category = "c"
args = { { name = "x", description = "", argtype = "string", optional = true } }
function on_set_arg() return true end`);
  const ch = await openChisel('opt', w.env);
  const valid = (s: string): boolean => s.startsWith('evt.');
  t.is(chiselArgTokens(ch.args, ['evt.type=open'], valid), 0);
  t.is(chiselArgTokens(ch.args, ['foo', 'evt.type=open'], valid), 1);
  t.is(chiselArgTokens(ch.args, ['-r', 'x'], valid), 0);
  t.is(chiselArgTokens(ch.args, [], valid), 0);
  t.is(chiselArgTokens([{ name: 'f', argtype: 'filter', description: '', optional: true }], ['evt.type=open'], valid), 1);
  t.is(chiselArgTokens([{ name: 'n', argtype: 'int', description: '', optional: false }], ['-5'], valid), 1);
});

test('field values stay exact through the per-event caches (strings, numbers, keys, formats)', async (t) => {
  const w = makeWorld();
  writeChisel(
    w,
    'agg.lua',
    HEADER +
      `local keys, fv = {}, nil
local totals, order = {}, {}
function on_init() keys[1] = chisel.request_field("test.str") keys[2] = chisel.request_field("test.val") fv = chisel.request_field("test.val") return true end
function on_event()
  local key = nil
  for i, f in ipairs(keys) do
    local v = evt.field(f)
    if key == nil then key = v else key = key .. "\\001" .. v end
  end
  if totals[key] == nil then totals[key] = 0 order[#order + 1] = key end
  totals[key] = totals[key] + evt.field(fv)
  print(string.format("%s=%d %s", evt.field(keys[1]), evt.field(fv), tostring(evt.field(fv) / 2)))
  return true
end
function on_capture_end()
  for _, k in ipairs(order) do print((k:gsub("\\001", "/")), totals[k]) end
end`,
  );
  t.is(await runCapture(w, 'agg'), 'a=5 2.5\nb=7 3.5\na=1 0.5\nc=2 1\na/5\t5\nb/7\t7\na/1\t1\nc/2\t2\n');
});

test('evt.field answers alike however it is called (one argument or more, any number of results)', async (t) => {
  const w = makeWorld();
  writeChisel(
    w,
    'calls.lua',
    HEADER +
      `local v, s
function on_init() v = chisel.request_field("test.val") s = chisel.request_field("test.str") return true end
function on_event()
  local a, b = evt.field(v)
  local c = evt.field(s, "extra")
  evt.field(v)
  print(a, b, c, evt.field(s), evt.field(nil), evt.field("x"), (evt.field(v)))
  return true
end
function on_capture_end() print(pcall(evt.field, v)) end`,
  );
  t.is(
    await runCapture(w, 'calls'),
    '5\tnil\ta\ta\tnil\tnil\t5\n7\tnil\tb\tb\tnil\tnil\t7\n1\tnil\ta\ta\tnil\tnil\t1\n2\tnil\tc\tc\tnil\tnil\t2\ntrue\t2\n',
  );
});
