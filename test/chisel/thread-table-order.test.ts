// sysdig.get_thread_table comes out of pairs() in sysdig's order: libsinsp's unordered_map
// order of threads and fds, laid out by LuaJIT. The synthetic cases' expectations are what
// libstdc++ and LuaJIT give for them; the real-trace test runs sysdig 0.29.3 itself when it
// is installed and compares.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChiselSet, loadChisel } from '../../sinsp/chisel/index.js';
import { FdFlag, FdInfo, FdType } from '../../sinsp/state/fd.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';
import { cliEnv, cliPath, root } from '../cli/live-run.js';
import { makeWorld, writeChisel, type World } from './helpers.js';

/** Prints each thread id of get_thread_table() in pairs() order, then its fd numbers. */
const DUMP_LUA = `description = "d"; short_description = "s"; category = "c"; args = {}
local function dump()
  for tid, t in pairs(sysdig.get_thread_table()) do
    local fds = {}
    for fd in pairs(t.fdtable) do fds[#fds + 1] = string.format("%d", fd) end
    print(string.format("%d", tid) .. ": " .. table.concat(fds, ","))
  end
end
function on_capture_end() dump() end
`;

/** A world whose thread table got tids 1, 767, 1619, 1557, 2892, 2838, 557 in that order. */
function world(): World {
  const w = makeWorld();
  for (const tid of [1, 767, 1619, 1557, 2892, 2838, 557]) {
    const th = Object.assign(new ThreadInfo(), { tid, pid: tid, comm: `p${tid}` });
    w.state.addThread(th, true);
  }
  // fds 0, 1, 2, 9, 40, then 9 again while its close is in progress: the old 9 is parked
  const table = w.state.thread(1)!.fdTable;
  for (const fd of [0, 1, 2, 9, 40]) table.add(fd, Object.assign(new FdInfo(), { type: FdType.FILE, name: `/f${fd}` }));
  table.get(9)!.flags |= FdFlag.CLOSE_IN_PROGRESS;
  table.add(9, Object.assign(new FdInfo(), { type: FdType.FILE, name: '/g9' }));
  return w;
}

async function run(w: World, name: string): Promise<string> {
  const set = new ChiselSet([await loadChisel(name, undefined, w.env)]);
  set.init();
  set.captureStart();
  set.end();
  return w.out.text();
}

// libstdc++ walks the threads as 557 2838 2892 1557 1619 767 1 and thread 1's fds as
// INT64_MAX 9 2 40 1 0; sysdig stores the parked fd under (int)(uint32_t)INT64_MAX = -1.
const EXPECTED = ['767: ', '1619: ', '1557: ', '2892: ', '1: 0,1,2,-1,40,9', '2838: ', '557: '];

test('Lua: pairs() over the thread and fd tables gives LuaJIT order, small keys in hash nodes included', async (t) => {
  const w = world();
  writeChisel(w, 'dump.lua', DUMP_LUA);
  t.is(await run(w, 'dump'), EXPECTED.join('\n') + '\n');
});

test('JavaScript: the maps iterate in the same order as Lua pairs()', async (t) => {
  const w = world();
  writeChisel(
    w,
    'dump.mjs',
    `export const description = 'd'; export const short_description = 's'; export const category = 'c';
export const args = [];
export function create(api) {
  return {
    on_capture_end() {
      for (const [tid, th] of api.sysdig.get_thread_table()) api.print(tid + ': ' + [...th.fdtable.keys()].join(','));
    },
  };
}`,
  );
  t.is(await run(w, 'dump'), EXPECTED.join('\n') + '\n');
});

const TRACES = join(root, '..', 'shared', 'traces');
const hasSysdig = spawnSync('sysdig', ['--version'], { encoding: 'utf8' }).status === 0;
const TRACE_NAMES = ['sample', 'cat_write', 'connect_localhost', 'open-multiple-files', 'syscall'];

for (const name of TRACE_NAMES) {
  const trace = join(TRACES, `${name}.scap`);
  const ready = hasSysdig && existsSync(trace);
  (ready ? test : test.skip)(`${name}.scap: the whole thread table at the end, in sysdig's order`, (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ttorder-'));
    const chisel = join(dir, 'ttorder.lua');
    writeFileSync(chisel, DUMP_LUA);
    const want = spawnSync('sysdig', ['-r', trace, '-c', chisel], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const got = spawnSync('node', [cliPath, '-r', trace, '-c', chisel], { encoding: 'utf8', maxBuffer: 1 << 26, env: cliEnv() });
    t.is(want.status, 0, want.stderr);
    t.true(want.stdout.split('\n').length > 20);
    t.is(got.stdout, want.stdout);
  });
}
