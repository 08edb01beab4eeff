import test from 'ava';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PPME } from '../sinsp/generated/schema.js';
import { Inspector } from '../sinsp/inspector.js';
import { FdType } from '../sinsp/state/fd.js';
import { P, batch, capturedThread, memorySource, metadata, runRecords, type RecordSpec } from './helpers/records.js';
import { openPair, readPair } from './state/builders.js';

const containerJson = (id: string, extra = ''): RecordSpec => ({
  type: PPME.CONTAINER_JSON_E,
  tid: -1,
  ts: 0n,
  params: [P.str(`{"container":{"id":"${id}","type":0,"name":"web","image":"nginx"${extra}}}`)],
});

test('every event read is numbered, in order, starting at 1', (t) => {
  const { seen } = runRecords([capturedThread({ tid: 1 })], [...readPair(1, 0), ...readPair(1, 0)]);
  t.deepEqual(
    seen.map((s) => s.num),
    [1, 2, 3, 4],
  );
});

test('leading container events are numbered and loaded before the process list, but not delivered', (t) => {
  const id = '0123456789ab';
  const full = id + 'cdef'.repeat(13);
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 5, cgroups: [`cpu=/docker/${full}`] })] }), [
    batch([containerJson(id), ...readPair(5, 0)]),
  ]);
  const insp = new Inspector(src);
  const nums: number[] = [];
  insp.run((ev) => {
    nums.push(ev.num);
  });
  t.deepEqual(nums, [2, 3]);
  t.is(insp.state.thread(5)!.containerId, id);
  t.is(insp.state.containers.get(id)!.name, 'web');
  t.is(insp.state.containers.get(id)!.image, 'nginx');
  // the first event that is not a container description (here 1 ms after the ts 0 one)
  t.is(insp.firstEventTs, 1_000_000n);
});

test('a container event mid-capture is delivered with its placeholder thread', (t) => {
  const { seen } = runRecords([capturedThread({ tid: 1 })], [...readPair(1, 0), { ...containerJson('abc'), ts: undefined }]);
  t.is(seen.length, 3);
  t.is(seen[2]!.comm, 'container:abc');
  t.is(seen[2]!.tid, -1);
});

test('a container whose lookup failed is filtered out', (t) => {
  const { seen, insp } = runRecords([capturedThread({ tid: 1 })], [...readPair(1, 0), { ...containerJson('abc', ',"lookup_state":2'), ts: undefined }]);
  t.is(seen.length, 2);
  t.is(insp.state.containers.get('abc')!.lookupState, 2);
});

test('the capture filter drops events before parsing unless they modify state', (t) => {
  // open modifies state: it is parsed even though the filter drops it
  const seen: number[] = [];
  const filtered: number[] = [];
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 1 })] }), [batch([...openPair(1, 5, '/x'), ...readPair(1, 5)])]);
  const insp = new Inspector(src, { filter: (ev) => ev.type === PPME.SYSCALL_READ_X });
  insp.run(
    (ev) => {
      seen.push(ev.num);
      t.is(ev.fd?.name, '/x');
    },
    (ev) => filtered.push(ev.num),
  );
  t.deepEqual(seen, [4]);
  t.deepEqual(filtered, [1, 2, 3]);
  t.is(insp.state.thread(1)!.getFd(5)!.name, '/x');
});

test('an event the filter drops before parsing breaks the enter/exit pairing', (t) => {
  const errs: number[] = [];
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 1 })] }), [
    batch([
      { type: PPME.SYSCALL_READ_E, tid: 1, params: [P.i64(0), P.u32(1)] },
      { type: PPME.SYSCALL_READ_X, tid: 1, params: [P.i64(-11), P.empty()] },
    ]),
  ]);
  const insp = new Inspector(src, { filter: (ev) => ev.type === PPME.SYSCALL_READ_X });
  insp.run(() => {
    errs.push(insp.state.evt.errorCode);
  });
  // the enter was dropped, so libsinsp never pairs the exit and reports no error
  t.deepEqual(errs, [0]);
});

test('returning false stops the run', (t) => {
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 1 })] }), [batch([...readPair(1, 0), ...readPair(1, 0)])]);
  const insp = new Inspector(src);
  let n = 0;
  insp.run(() => ++n < 2);
  t.is(n, 2);
  t.is(insp.eventCount, 2);
});

test('a damaged source: the events before the damage are processed and delivered, then the error', (t) => {
  const damage = new Error('t.scap: truncated event block at byte 123');
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 1 })] }), [batch(openPair(1, 5, '/a'))], damage);
  const insp = new Inspector(src);
  const nums: number[] = [];
  const err = t.throws(() => insp.run((ev) => void nums.push(ev.num)));
  t.is(err, damage);
  t.deepEqual(nums, [1, 2]);
  t.is(insp.state.thread(1)!.getFd(5)!.name, '/a');
});

test('damage before the first event is reported by run()', (t) => {
  const damage = new Error('t.scap: bad block');
  const insp = new Inspector(memorySource(metadata(), [], damage));
  t.throws(() => insp.run(() => undefined), { is: damage });
});

test('internal events (procinfo) are hidden from the default output', (t) => {
  const hidden: boolean[] = [];
  const src = memorySource(metadata({ threads: [capturedThread({ tid: 1 })] }), [
    batch([{ type: PPME.PROCINFO_E, tid: 1, params: [P.u64(1), P.u64(2)] }, ...readPair(1, 0)]),
  ]);
  const insp = new Inspector(src);
  insp.run((ev) => void hidden.push(insp.isHidden(ev)));
  t.deepEqual(hidden, [true, false, false]);
});

test('state-only records (a dump kept them for their state) are parsed, not delivered', (t) => {
  const [e, x] = openPair(1, 5, '/kept');
  const { seen, insp } = runRecords([capturedThread({ tid: 1 })], [
    { ...e!, flags: 1 },
    { ...x!, flags: 1 },
    ...readPair(1, 5),
  ]);
  t.deepEqual(
    seen.map((s) => s.num),
    [3, 4],
  );
  t.is(insp.state.thread(1)!.getFd(5)!.type, FdType.FILE_V2);
});

// ---- real traces, against sysdig 0.29.3 ----

const TRACES = join(process.cwd(), '..', 'shared', 'traces');
const FDTYPE: Record<number, string> = {
  1: 'file', 16: 'file', 2: 'directory', 3: 'ipv4', 5: 'ipv4', 4: 'ipv6', 6: 'ipv6', 8: 'unix', 7: 'pipe',
  9: 'event', 11: 'signalfd', 12: 'eventpoll', 13: 'inotify', 14: 'timerfd', 15: 'netlink',
};

/** our "tid comm fdname fdtype" per delivered event, and the numbers of failed connects */
async function ourLines(trace: string, failedConnects = new Set<number>()): Promise<Map<number, string>> {
  const { SavefileReader } = await import('../sinsp/capture/savefile.js');
  const insp = new Inspector(SavefileReader.open(join(TRACES, trace)));
  const out = new Map<number, string>();
  insp.run((ev) => {
    if (insp.isHidden(ev)) return;
    if (ev.type === PPME.SOCKET_CONNECT_X && insp.state.evt.errorCode !== 0) failedConnects.add(ev.num);
    const t = ev.thread;
    const fdEvent = insp.engine.flagsOf(ev.type) & 7;
    const fd = fdEvent ? ev.fd : undefined;
    out.set(ev.num, `${t ? t.tid : ev.tid} ${t ? t.comm : '<NA>'} ${fd ? fd.name : '<NA>'} ${fd ? FDTYPE[fd.type] ?? '<NA>' : '<NA>'}`);
  });
  insp.close();
  return out;
}

// lines of `sysdig -r 502Error.scap -p '*%evt.num %thread.tid %proc.name %fd.name %fd.type'`
const SYSDIG_502: Array<[number, string]> = [
  [23, '843 curl <NA> <NA>'],
  [27, '843 curl  unix'],
  [126, '13969 haproxy 192.168.0.1:44434->192.168.0.3:80 ipv4'],
  [131, '13969 haproxy 192.168.0.1:44434->192.168.0.3:80 ipv4'],
  [171, '844 python <NA> <NA>'],
  [228, '13969 haproxy 0.0.0.0:55441 ipv4'],
  [229, '13969 haproxy 192.168.128.156:55441->145.216.3.255:514 ipv4'],
  [1232, '848 curl <NA> <NA>'],
];

test('502Error.scap: threads and fds agree with sysdig on sampled events', async (t) => {
  if (!existsSync(join(TRACES, '502Error.scap'))) return t.pass('trace not available');
  const ours = await ourLines('502Error.scap');
  for (const [num, line] of SYSDIG_502) t.is(ours.get(num), line, `event ${num}`);
});

const sysdig = '/usr/bin/sysdig';
for (const trace of ['502Error.scap', 'open-multiple-files.scap', 'connect_localhost.scap', 'single_ipv6_conn.scap', 'syscall.scap']) {
  test(`${trace}: every event's thread and fd agree with sysdig (where sysdig shows the fd)`, async (t) => {
    if (!existsSync(sysdig) || !existsSync(join(TRACES, trace))) return t.pass('sysdig or trace not available');
    const text = execFileSync(sysdig, ['-r', join(TRACES, trace), '-p', '*%evt.num %thread.tid %proc.name %fd.name %fd.type'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const failedConnects = new Set<number>();
    const ours = await ourLines(trace, failedConnects);
    let compared = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const sp = line.indexOf(' ');
      const num = Number(line.slice(0, sp));
      const want = line.slice(sp + 1).replace(/ $/, '');
      const got = ours.get(num);
      t.not(got, undefined, `event ${num} delivered`);
      // sysdig names some events after their arguments instead of their fd (a failed
      // accept's "NULL", a failed connect's tuple): the fd fields do that, not the state
      const [tid, comm] = want.split(' ');
      t.is(got!.split(' ').slice(0, 2).join(' '), `${tid} ${comm}`, `event ${num}`);
      if (!/ <NA>$/.test(want) && !/ <NA>$/.test(got!) && !failedConnects.has(num)) t.is(got, want, `event ${num}`);
      compared++;
    }
    t.is(compared, ours.size);
  });
}
