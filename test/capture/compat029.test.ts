// The 0.29.3 converter on synthetic exit-only records in the current layout (what the
// eBPF probe sends): each one's enter/exit pair checked parameter by parameter, the
// exceptions names cannot settle, timestamps, and the state engine reading the result.
import test from 'ava';
import { Compat029Converter } from '../../sinsp/capture/compat029.js';
import { buildCompat029Table } from '../../sinsp/capture/compat029-table.js';
import { fixedSize } from '../../sinsp/capture/compat029-params.js';
import {
  EVENTS,
  EVENTS_CURRENT,
  PPME,
  PT,
  SYSCALLS_X86_64,
  SYSCALL_NR_X86_64,
  SYSDIG029_EVENT_COUNT,
} from '../../sinsp/generated/schema.js';
import { Inspector } from '../../sinsp/inspector.js';
import { BASE_TS, P, SOCK, batch, capturedFd, capturedThread, memorySource, metadata, type RecordSpec } from '../helpers/records.js';

const TID = 4242;

/**
 * A current-layout record of `type` with every parameter of the current table: the ones
 * named in `given`, and for the others a value that says where it came from (index + 1
 * in the parameter's width, or the string `p<index>`).
 */
function currentRecord(type: number, given: Record<string, Buffer>, extra: Partial<RecordSpec> = {}): RecordSpec {
  const info = EVENTS_CURRENT[type]!;
  for (const name of Object.keys(given)) {
    if (!info.params.some((p) => p.name === name)) throw new Error(`${info.name} has no parameter ${name}`);
  }
  const params = info.params.map((p, i) => given[p.name] ?? defaultValue(p.type, i));
  return { type, tid: TID, params, ...extra };
}

function defaultValue(type: number, i: number): Buffer {
  const size = fixedSize(type);
  if (size === undefined) return P.str(`p${i}`);
  const b = Buffer.alloc(size);
  b[0] = i + 1;
  return b;
}

interface Decoded {
  cpu: number;
  flags: number;
  ts: bigint;
  tid: number;
  type: number;
  /** parameters by their 0.29.3 name */
  params: Map<string, Buffer>;
  /** parameters in order */
  list: Buffer[];
}

/** Splits an output batch, naming parameters from the 0.29.3 table. */
function decode(out: { buf: Buffer; count: number }): Decoded[] {
  const res: Decoded[] = [];
  let off = 0;
  for (let i = 0; i < out.count; i++) {
    const len = out.buf.readUInt32LE(off + 24);
    const type = out.buf.readUInt16LE(off + 28);
    const n = out.buf.readUInt32LE(off + 30);
    const params = new Map<string, Buffer>();
    const list: Buffer[] = [];
    let data = off + 34 + 4 * n;
    for (let p = 0; p < n; p++) {
      const plen = out.buf.readUInt32LE(off + 34 + 4 * p);
      const v = out.buf.subarray(data, data + plen);
      list.push(v);
      params.set(EVENTS[type]!.params[p]?.name ?? `#${p}`, v);
      data += plen;
    }
    if (data !== off + 8 + len) throw new Error(`record ${i}: lengths do not add up`);
    res.push({
      cpu: out.buf.readUInt16LE(off),
      flags: out.buf.readUInt32LE(off + 4),
      ts: out.buf.readBigUInt64LE(off + 8),
      tid: Number(out.buf.readBigInt64LE(off + 16)),
      type,
      params,
      list,
    });
    off += 8 + len;
  }
  if (off !== out.buf.length) throw new Error(`batch has ${out.buf.length - off} trailing bytes`);
  return res;
}

function convert(specs: RecordSpec[], conv = new Compat029Converter()): Decoded[] {
  return decode(conv.convert(batch(specs)));
}

/** one exit in, its pair out: [enter, exit] */
function pair(type: number, given: Record<string, Buffer>): [Decoded, Decoded] {
  const out = convert([currentRecord(type, given)]);
  if (out.length !== 2) throw new Error(`expected 2 records, got ${out.length}`);
  return [out[0]!, out[1]!];
}

const names = (d: Decoded): string[] => EVENTS[d.type]!.params.map((p) => p.name);
const i64 = (b: Buffer | undefined): number => Number(b!.readBigInt64LE(0));
const u32 = (b: Buffer | undefined): number => b!.readUInt32LE(0);

test('the table builds from the schema and only names 0.29.3 event numbers', (t) => {
  const table = buildCompat029Table();
  for (const [type, plan] of table.plans.entries()) {
    if (!plan) continue;
    t.true(plan.out.type < SYSDIG029_EVENT_COUNT, `event ${type}`);
    if (plan.enter) {
      t.true(plan.enter.type < SYSDIG029_EVENT_COUNT);
      t.is(plan.enter.type & 1, 0, 'enter events have even numbers');
      t.is(plan.enter.rules.length, EVENTS[plan.enter.type]!.params.length);
    }
    t.is(plan.out.rules.length, EVENTS[plan.out.type]!.params.length);
  }
  // every exit event a syscall sends now has a plan
  for (const s of Object.values(SYSCALLS_X86_64)) t.truthy(table.plans[s.exit], s.name);
});

test('0.29.3 parameters no exit parameter provides are exactly the known ones', (t) => {
  const table = buildCompat029Table();
  const absent = new Set<string>();
  for (const s of Object.values(SYSCALLS_X86_64)) for (const a of table.plans[s.exit]!.absent) absent.add(a);
  t.deepEqual([...absent].sort(), [
    // 0.29.3's drivers always sent 0; eventfd2/inotify_init1/signalfd4 exits carry O_* flags
    'SYSCALL_EVENTFD_E.flags',
    // execveat's arguments are not in its current exit event (its `flags` there are the
    // exe flags, not the AT_* flags of the enter)
    'SYSCALL_EXECVEAT_E.dirfd',
    'SYSCALL_EXECVEAT_E.flags',
    'SYSCALL_EXECVEAT_E.pathname',
    'SYSCALL_INOTIFY_INIT_E.flags',
    'SYSCALL_SIGNALFD_E.flags',
  ]);
});

test('read: enter with fd and size, exit cut to res and data; header fields kept', (t) => {
  const spec = currentRecord(
    PPME.SYSCALL_READ_X,
    { res: P.i64(5), data: Buffer.from('hello'), fd: P.i64(3), size: P.u32(100) },
    { cpu: 3, flags: 1, ts: BASE_TS + 500n },
  );
  const [e, x] = convert([spec]) as [Decoded, Decoded];
  t.is(e.type, PPME.SYSCALL_READ_E);
  t.deepEqual(names(e), ['fd', 'size']);
  t.is(i64(e.params.get('fd')), 3);
  t.is(u32(e.params.get('size')), 100);
  t.is(x.type, PPME.SYSCALL_READ_X);
  t.deepEqual(names(x), ['res', 'data']);
  t.is(x.list.length, 2);
  t.is(i64(x.params.get('res')), 5);
  t.is(x.params.get('data')!.toString(), 'hello');
  for (const d of [e, x]) {
    t.is(d.cpu, 3);
    t.is(d.flags, 1);
    t.is(d.tid, TID);
  }
  t.is(x.ts, BASE_TS + 500n);
  t.is(e.ts, BASE_TS + 499n);
});

test('write: enter with fd and size, exit res and data', (t) => {
  const [e, x] = pair(PPME.SYSCALL_WRITE_X, { res: P.i64(-9), data: P.empty(), fd: P.i64(77), size: P.u32(12) });
  t.is(e.type, PPME.SYSCALL_WRITE_E);
  t.is(i64(e.params.get('fd')), 77);
  t.is(u32(e.params.get('size')), 12);
  t.is(x.type, PPME.SYSCALL_WRITE_X);
  t.is(i64(x.params.get('res')), -9);
  t.is(x.params.get('data')!.length, 0);
});

test('open: enter name/flags/mode; exit keeps dev, drops ino', (t) => {
  const [e, x] = pair(PPME.SYSCALL_OPEN_X, {
    fd: P.i64(4),
    name: P.str('/etc/passwd'),
    flags: P.u32(0x41),
    mode: P.u32(0o644),
    dev: P.u32(0xfe00),
    ino: P.u64(123456),
  });
  t.is(e.type, PPME.SYSCALL_OPEN_E);
  t.deepEqual(names(e), ['name', 'flags', 'mode']);
  t.is(e.params.get('name')!.toString(), '/etc/passwd\0');
  t.is(u32(e.params.get('flags')), 0x41);
  t.is(u32(e.params.get('mode')), 0o644);
  t.deepEqual(names(x), ['fd', 'name', 'flags', 'mode', 'dev']);
  t.is(x.list.length, 5);
  t.is(i64(x.params.get('fd')), 4);
  t.is(u32(x.params.get('dev')), 0xfe00);
});

test('openat: enter dirfd/name/flags/mode; exit without ino', (t) => {
  const [e, x] = pair(PPME.SYSCALL_OPENAT_2_X, {
    fd: P.i64(5),
    dirfd: P.i64(-100),
    name: P.str('rel/file'),
    flags: P.u32(1),
    mode: P.u32(0),
    dev: P.u32(7),
    ino: P.u64(9),
  });
  t.is(e.type, PPME.SYSCALL_OPENAT_2_E);
  t.deepEqual(names(e), ['dirfd', 'name', 'flags', 'mode']);
  t.is(i64(e.params.get('dirfd')), -100);
  t.is(e.params.get('name')!.toString(), 'rel/file\0');
  t.is(x.type, PPME.SYSCALL_OPENAT_2_X);
  t.deepEqual(names(x), ['fd', 'dirfd', 'name', 'flags', 'mode', 'dev']);
  t.is(i64(x.params.get('fd')), 5);
  t.is(u32(x.params.get('dev')), 7);
});

test('close: the fd moves to the enter event', (t) => {
  const [e, x] = pair(PPME.SYSCALL_CLOSE_X, { res: P.i64(0), fd: P.i64(8) });
  t.is(e.type, PPME.SYSCALL_CLOSE_E);
  t.is(i64(e.params.get('fd')), 8);
  t.deepEqual(names(x), ['res']);
  t.is(x.list.length, 1);
});

test('socket: enter domain/type/proto (domain as 0.29.3 flags), exit fd only', (t) => {
  const [e, x] = pair(PPME.SOCKET_SOCKET_X, {
    fd: P.i64(3),
    domain: P.u32(2),
    type: P.u32(1),
    proto: P.u32(6),
    flags: P.u32(0),
  });
  t.is(e.type, PPME.SOCKET_SOCKET_E);
  t.is(EVENTS[e.type]!.params[0]!.type, PT.FLAGS32);
  t.is(u32(e.params.get('domain')), 2);
  t.is(u32(e.params.get('type')), 1);
  t.is(u32(e.params.get('proto')), 6);
  t.deepEqual(names(x), ['fd']);
  t.is(i64(x.params.get('fd')), 3);
});

test('connect: enter fd and addr, exit res and tuple', (t) => {
  const tuple = SOCK.tuple4('127.0.0.1', 40000, '127.0.0.1', 8080);
  const addr = SOCK.v4('127.0.0.1', 8080);
  const [e, x] = pair(PPME.SOCKET_CONNECT_X, { res: P.i64(0), tuple, fd: P.i64(6), addr });
  t.is(e.type, PPME.SOCKET_CONNECT_E);
  t.is(i64(e.params.get('fd')), 6);
  t.deepEqual(e.params.get('addr'), addr);
  t.deepEqual(names(x), ['res', 'tuple']);
  t.deepEqual(x.params.get('tuple'), tuple);
});

test('accept: empty enter; accept4 (ACCEPT4_6) becomes ACCEPT4_5 with flags on the enter', (t) => {
  const tuple = SOCK.tuple4('10.0.0.1', 5000, '10.0.0.2', 80);
  const common = { fd: P.i64(9), tuple, queuepct: P.u8(10), queuelen: P.u32(1), queuemax: P.u32(10) };
  const [e, x] = pair(PPME.SOCKET_ACCEPT_5_X, common);
  t.is(e.type, PPME.SOCKET_ACCEPT_5_E);
  t.is(e.list.length, 0);
  t.is(x.type, PPME.SOCKET_ACCEPT_5_X);
  t.deepEqual(x.params.get('tuple'), tuple);

  const [e4, x4] = pair(PPME.SOCKET_ACCEPT4_6_X, { ...common, flags: P.u32(0x80000) });
  t.is(e4.type, PPME.SOCKET_ACCEPT4_5_E);
  t.is(u32(e4.params.get('flags')), 0x80000);
  t.is(x4.type, PPME.SOCKET_ACCEPT4_5_X);
  t.deepEqual(names(x4), ['fd', 'tuple', 'queuepct', 'queuelen', 'queuemax']);
  t.is(i64(x4.params.get('fd')), 9);
  t.deepEqual(x4.params.get('tuple'), tuple);
  t.is(x4.params.get('queuepct')![0], 10);
  t.is(u32(x4.params.get('queuemax')), 10);
});

test('sendto: enter fd/size/tuple, exit res/data; recvfrom: enter fd/size, exit res/data/tuple', (t) => {
  const tuple = SOCK.tuple4('127.0.0.1', 1234, '127.0.0.1', 9);
  const [se, sx] = pair(PPME.SOCKET_SENDTO_X, { res: P.i64(3), data: Buffer.from('udp'), fd: P.i64(3), size: P.u32(3), tuple });
  t.is(se.type, PPME.SOCKET_SENDTO_E);
  t.deepEqual(names(se), ['fd', 'size', 'tuple']);
  t.is(i64(se.params.get('fd')), 3);
  t.is(u32(se.params.get('size')), 3);
  t.deepEqual(se.params.get('tuple'), tuple);
  t.deepEqual(names(sx), ['res', 'data']);
  t.is(sx.params.get('data')!.toString(), 'udp');

  const [re, rx] = pair(PPME.SOCKET_RECVFROM_X, { res: P.i64(4), data: Buffer.from('ping'), tuple, fd: P.i64(5), size: P.u32(10) });
  t.is(re.type, PPME.SOCKET_RECVFROM_E);
  t.deepEqual(names(re), ['fd', 'size']);
  t.is(i64(re.params.get('fd')), 5);
  t.is(u32(re.params.get('size')), 10);
  t.deepEqual(names(rx), ['res', 'data', 'tuple']);
  t.deepEqual(rx.params.get('tuple'), tuple);
});

test('pipe, and pipe2 becoming pipe (flags dropped)', (t) => {
  const given = { res: P.i64(0), fd1: P.i64(3), fd2: P.i64(4), ino: P.u64(555) };
  const [e, x] = pair(PPME.SYSCALL_PIPE_X, given);
  t.is(e.type, PPME.SYSCALL_PIPE_E);
  t.is(e.list.length, 0);
  t.deepEqual(names(x), ['res', 'fd1', 'fd2', 'ino']);
  const [e2, x2] = pair(PPME.SYSCALL_PIPE2_X, { ...given, flags: P.u32(0x80000) });
  t.is(e2.type, PPME.SYSCALL_PIPE_E);
  t.is(x2.type, PPME.SYSCALL_PIPE_X);
  t.deepEqual(names(x2), ['res', 'fd1', 'fd2', 'ino']);
  t.is(i64(x2.params.get('fd1')), 3);
  t.is(i64(x2.params.get('fd2')), 4);
  t.is(x2.params.get('ino')!.readBigUInt64LE(0), 555n);
});

test('dup, dup2 and dup3 all become DUP_E(fd = oldfd) / DUP_X(res)', (t) => {
  for (const [type, extra] of [
    [PPME.SYSCALL_DUP_1_X, {}],
    [PPME.SYSCALL_DUP2_X, { newfd: P.i64(10) }],
    [PPME.SYSCALL_DUP3_X, { newfd: P.i64(10), flags: P.u32(1) }],
  ] as Array<[number, Record<string, Buffer>]>) {
    const [e, x] = pair(type, { res: P.i64(10), oldfd: P.i64(3), ...extra });
    t.is(e.type, PPME.SYSCALL_DUP_E);
    t.is(i64(e.params.get('fd')), 3);
    t.is(x.type, PPME.SYSCALL_DUP_X);
    t.deepEqual(names(x), ['res']);
    t.is(i64(x.params.get('res')), 10);
  }
});

test('execve: enter with filename; exit cut to 0.29.3 20 parameters (vpgid read as pgid)', (t) => {
  const cur = EVENTS_CURRENT[PPME.SYSCALL_EXECVE_19_X]!.params;
  const [e, x] = pair(PPME.SYSCALL_EXECVE_19_X, {
    res: P.i64(0),
    exe: P.str('/bin/true'),
    args: P.list(['arg1']),
    vpgid: P.i64(777),
    filename: P.str('/usr/bin/true'),
  });
  t.is(e.type, PPME.SYSCALL_EXECVE_19_E);
  t.deepEqual(names(e), ['filename']);
  t.is(e.params.get('filename')!.toString(), '/usr/bin/true\0');
  t.is(x.type, PPME.SYSCALL_EXECVE_19_X);
  t.is(x.list.length, 20);
  t.true(cur.length > 20);
  t.is(x.params.get('exe')!.toString(), '/bin/true\0');
  t.is(x.params.get('args')!.toString(), 'arg1\0');
  t.is(names(x)[17], 'pgid');
  t.is(i64(x.params.get('pgid')), 777);
  // every kept parameter is the input's parameter of the same position
  for (let i = 0; i < 20; i++) {
    if (['exe', 'args', 'vpgid', 'res'].includes(cur[i]!.name)) continue;
    t.deepEqual(x.list[i], defaultValue(cur[i]!.type, i), cur[i]!.name);
  }
});

test('clone: the parent gets an enter, the child (res 0) does not', (t) => {
  for (const type of [PPME.SYSCALL_CLONE_20_X, PPME.SYSCALL_FORK_20_X, PPME.SYSCALL_VFORK_20_X, PPME.SYSCALL_CLONE3_X]) {
    const out = convert([
      currentRecord(type, { res: P.i64(5000) }),
      currentRecord(type, { res: P.i64(0) }, { tid: 5000 }),
    ]);
    t.deepEqual(
      out.map((d) => d.type),
      [type - 1, type, type],
    );
    t.is(out[0]!.list.length, 0);
    t.is(out[1]!.list.length, 20);
    t.is(i64(out[1]!.params.get('res')), 5000);
    t.is(out[2]!.tid, 5000);
    t.is(i64(out[2]!.params.get('res')), 0);
    t.is(i64(out[2]!.params.get('vpid')), 0x14, 'vpid, the 20th parameter, kept'); // default of index 19
  }
});

test('generic: codes in 0.29.3 numbering, by native syscall number', (t) => {
  const statx = SYSCALL_NR_X86_64['statx']!;
  const fcntl = SYSCALL_NR_X86_64['fcntl']!;
  const out = convert([
    currentRecord(PPME.GENERIC_X, { ID: P.u16(SYSCALLS_X86_64[statx]!.sc), nativeID: P.u16(statx) }),
    currentRecord(PPME.GENERIC_X, { ID: P.u16(SYSCALLS_X86_64[fcntl]!.sc), nativeID: P.u16(fcntl) }),
  ]);
  t.deepEqual(
    out.map((d) => d.type),
    [PPME.GENERIC_E, PPME.GENERIC_X, PPME.GENERIC_E, PPME.GENERIC_X],
  );
  // statx came after 0.29.3: its drivers sent code 0 (<unknown>)
  t.true(SYSCALLS_X86_64[statx]!.sc > 328);
  t.is(out[0]!.params.get('ID')!.readUInt16LE(0), 0);
  t.is(out[0]!.params.get('nativeID')!.readUInt16LE(0), statx);
  t.is(out[1]!.params.get('ID')!.readUInt16LE(0), 0);
  t.is(out[1]!.list.length, 1);
  t.is(out[2]!.params.get('ID')!.readUInt16LE(0), SYSCALLS_X86_64[fcntl]!.sc029);
  t.is(out[3]!.params.get('ID')!.readUInt16LE(0), 35);
});

test('generic: a number outside the syscall table falls back to the code', (t) => {
  const out = convert([
    currentRecord(PPME.GENERIC_X, { ID: P.u16(38), nativeID: P.u16(9999) }),
    currentRecord(PPME.GENERIC_X, { ID: P.u16(400), nativeID: P.u16(9999) }),
  ]);
  t.is(out[1]!.params.get('ID')!.readUInt16LE(0), 38);
  t.is(out[3]!.params.get('ID')!.readUInt16LE(0), 0);
});

test('a dedicated event 0.29.3 sent as generic (newfstatat) becomes a generic pair', (t) => {
  const nr = SYSCALL_NR_X86_64['newfstatat']!;
  const [e, x] = pair(PPME.SYSCALL_NEWFSTATAT_X, { res: P.i64(0), dirfd: P.i64(-100), path: P.str('/tmp'), flags: P.u32(0) });
  t.is(e.type, PPME.GENERIC_E);
  t.is(e.params.get('ID')!.readUInt16LE(0), SYSCALLS_X86_64[nr]!.sc029);
  t.is(e.params.get('nativeID')!.readUInt16LE(0), nr);
  t.is(x.type, PPME.GENERIC_X);
  t.is(x.params.get('ID')!.readUInt16LE(0), 300);
});

test('tracepoint events: procexit cut to 4 parameters, switch/signal/page fault unchanged, no enter added', (t) => {
  const out = convert([
    currentRecord(PPME.PROCEXIT_1_E, { status: P.i64(256), ret: P.i64(1), sig: P.u8(0), core: P.u8(0), reaper_tid: P.i64(1) }),
    currentRecord(PPME.SCHEDSWITCH_6_E, { next: P.i64(99) }),
    currentRecord(PPME.SIGNALDELIVER_E, { spid: P.i64(1), dpid: P.i64(2), sig: P.u8(15) }),
    currentRecord(PPME.PAGE_FAULT_E, { addr: P.u64(0x1000), ip: P.u64(0x400000), error: P.u32(6) }),
  ]);
  t.deepEqual(
    out.map((d) => d.type),
    [PPME.PROCEXIT_1_E, PPME.SCHEDSWITCH_6_E, PPME.SIGNALDELIVER_E, PPME.PAGE_FAULT_E],
  );
  t.deepEqual(names(out[0]!), ['status', 'ret', 'sig', 'core']);
  t.is(out[0]!.list.length, 4);
  t.is(i64(out[0]!.params.get('status')), 256);
  t.is(i64(out[1]!.params.get('next')), 99);
  t.is(out[1]!.list.length, 6);
  t.is(out[2]!.params.get('sig')![0], 15);
  t.is(out[3]!.params.get('addr')!.readBigUInt64LE(0), 0x1000n);
});

test('width changes: signalfd4 flags are not 0.29.3 flags (0); bpf cmd widened, res_or_fd dynamic', (t) => {
  const [se] = pair(PPME.SYSCALL_SIGNALFD4_X, { res: P.i64(7), flags: P.u16(0x800), fd: P.i64(-1), mask: P.u32(0x4000) });
  t.is(se.type, PPME.SYSCALL_SIGNALFD_E);
  t.is(i64(se.params.get('fd')), -1);
  t.is(u32(se.params.get('mask')), 0x4000);
  t.deepEqual(se.params.get('flags'), Buffer.from([0]));

  const [be, bx] = pair(PPME.SYSCALL_BPF_2_X, { fd: P.i64(12), cmd: P.u32(5) });
  t.is(be.type, PPME.SYSCALL_BPF_E);
  t.is(be.params.get('cmd')!.length, 8);
  t.is(i64(be.params.get('cmd')), 5);
  t.is(bx.type, PPME.SYSCALL_BPF_X);
  const ok = bx.params.get('res_or_fd')!;
  t.is(ok.length, 9);
  t.is(ok[0], 0, 'PPM_BPF_IDX_FD');
  t.is(Number(ok.readBigInt64LE(1)), 12);
  const [, bad] = pair(PPME.SYSCALL_BPF_2_X, { fd: P.i64(-1), cmd: P.u32(0) });
  const err = bad.params.get('res_or_fd')!;
  t.is(err[0], 1, 'PPM_BPF_IDX_RES');
  t.is(Number(err.readBigInt64LE(1)), -1);
});

test('a record missing parameters gets neutral values (fd -1, size 0)', (t) => {
  const out = convert([{ type: PPME.SYSCALL_READ_X, tid: TID, params: [P.i64(-14), P.empty()] }]);
  t.is(out.length, 2);
  t.is(i64(out[0]!.params.get('fd')), -1);
  t.is(u32(out[0]!.params.get('size')), 0);
  t.is(i64(out[1]!.params.get('res')), -14);
});

test('events 0.29.3 has no form of are dropped and counted', (t) => {
  const conv = new Compat029Converter();
  const out = convert(
    [currentRecord(PPME.SYSCALL_CLOSE_X, { res: P.i64(0), fd: P.i64(3) }), currentRecord(PPME.SYSCALL_PIDFD_OPEN_E, {})],
    conv,
  );
  t.deepEqual(
    out.map((d) => d.type),
    [PPME.SYSCALL_CLOSE_E, PPME.SYSCALL_CLOSE_X],
  );
  t.deepEqual(conv.stats, { events: 2, entersAdded: 1, dropped: 1 });
});

test('enter timestamps: exit - 1 ns, never before the previous record, borrow across 2^32', (t) => {
  const close = (ts: bigint, fd: number): RecordSpec => currentRecord(PPME.SYSCALL_CLOSE_X, { res: P.i64(0), fd: P.i64(fd) }, { ts });
  const conv = new Compat029Converter();
  const a = convert([close(BASE_TS, 1), close(BASE_TS, 2)], conv);
  t.deepEqual(
    a.map((d) => d.ts),
    [BASE_TS - 1n, BASE_TS, BASE_TS, BASE_TS],
  );
  // the clamp carries over to the next batch
  const b = convert([close(BASE_TS, 3)], conv);
  t.deepEqual(
    b.map((d) => d.ts),
    [BASE_TS, BASE_TS],
  );
  const edge = 7n << 32n;
  const c = convert([close(edge, 4)]);
  t.deepEqual(
    c.map((d) => d.ts),
    [edge - 1n, edge],
  );
});

test('the state engine reads converted events: fd names from open, dup2, socket/connect; close', (t) => {
  const tuple = SOCK.tuple4('127.0.0.1', 40000, '127.0.0.1', 8080);
  const specs = [
    currentRecord(PPME.SYSCALL_OPENAT_2_X, {
      fd: P.i64(3),
      dirfd: P.i64(-100),
      name: P.str('/tmp/data.txt'),
      flags: P.u32(1),
      mode: P.u32(0),
      dev: P.u32(0),
      ino: P.u64(0),
    }),
    currentRecord(PPME.SYSCALL_READ_X, { res: P.i64(5), data: Buffer.from('hello'), fd: P.i64(3), size: P.u32(100) }),
    currentRecord(PPME.SYSCALL_DUP2_X, { res: P.i64(10), oldfd: P.i64(3), newfd: P.i64(10) }),
    currentRecord(PPME.SYSCALL_WRITE_X, { res: P.i64(2), data: Buffer.from('hi'), fd: P.i64(10), size: P.u32(2) }),
    currentRecord(PPME.SOCKET_SOCKET_X, { fd: P.i64(4), domain: P.u32(2), type: P.u32(1), proto: P.u32(0), flags: P.u32(0) }),
    currentRecord(PPME.SOCKET_CONNECT_X, { res: P.i64(0), tuple, fd: P.i64(4), addr: SOCK.v4('127.0.0.1', 8080) }),
    currentRecord(PPME.SOCKET_SENDTO_X, { res: P.i64(4), data: Buffer.from('ping'), fd: P.i64(4), size: P.u32(4), tuple: P.empty() }),
    currentRecord(PPME.SYSCALL_CLOSE_X, { res: P.i64(0), fd: P.i64(3) }),
    currentRecord(PPME.SYSCALL_READ_X, { res: P.i64(-9), data: P.empty(), fd: P.i64(3), size: P.u32(1) }),
  ];
  const threads = [capturedThread({ tid: TID, comm: 'work', fds: [capturedFd({ fd: 1, type: 1, name: '/dev/pts/0' })] })];
  const insp = new Inspector(memorySource(metadata({ threads }), [new Compat029Converter().convert(batch(specs))]));
  const seen: string[] = [];
  insp.run((ev) => {
    seen.push(`${ev.dir} ${EVENTS[ev.type]!.name} ${ev.fd?.name ?? ''}`.trimEnd());
  });
  t.deepEqual(seen, [
    '> openat',
    '< openat /tmp/data.txt',
    '> read /tmp/data.txt',
    '< read /tmp/data.txt',
    '> dup /tmp/data.txt',
    '< dup /tmp/data.txt',
    '> write /tmp/data.txt',
    '< write /tmp/data.txt',
    '> socket',
    '< socket',
    '> connect',
    '< connect 127.0.0.1:40000->127.0.0.1:8080',
    '> sendto 127.0.0.1:40000->127.0.0.1:8080',
    '< sendto 127.0.0.1:40000->127.0.0.1:8080',
    '> close /tmp/data.txt',
    '< close /tmp/data.txt',
    '> read',
    '< read',
  ]);
});
