// The writer: round trips of every real trace (the same events, the same metadata,
// and the same sysdig 0.29.3 output), block choices, limits, and errors.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader, SavefileWriter } from '../../sinsp/capture/savefile.js';
import type { CaptureMetadata } from '../../sinsp/capture/types.js';
import { BT, records, scapBytes, TRACES, walkBlocks, type Record } from './scap-walk.js';

const SYSDIG = '/usr/bin/sysdig';
const dir = mkdtempSync(join(tmpdir(), 'sinspect-writer-'));
const traces = existsSync(TRACES) ? readdirSync(TRACES).filter((f) => f.endsWith('.scap')).sort() : [];
let n = 0;
const out = (ext = 'scap') => join(dir, `w${n++}.${ext}`);

function readAll(path: string): { meta: CaptureMetadata; bufs: Buffer[]; counts: number[] } {
  const r = SavefileReader.open(path);
  const bufs: Buffer[] = [];
  const counts: number[] = [];
  for (let b = r.nextBatch(); b; b = r.nextBatch()) {
    bufs.push(b.buf);
    counts.push(b.count);
  }
  const meta = r.meta;
  r.close();
  return { meta, bufs, counts };
}

function copy(src: string, dst: string, compress = false): void {
  const { meta, bufs, counts } = readAll(src);
  const w = SavefileWriter.open(dst, { compress });
  w.writeMetadata(meta);
  bufs.forEach((b, i) => w.writeBatch(b, counts[i]!));
  w.close();
}

function sysdig(args: string[]): string {
  const r = spawnSync(SYSDIG, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return `${r.status}\n${r.stdout}${r.stderr}`;
}

for (const name of traces) {
  test(`${name}: written and read back, the same events and metadata`, (t) => {
    const src = join(TRACES, name);
    for (const compress of [false, true]) {
      const dst = out();
      copy(src, dst, compress);
      const head = readFileSync(dst).subarray(0, 2);
      t.is(head[0] === 0x1f && head[1] === 0x8b, compress);
      const a = readAll(src);
      const b = readAll(dst);
      t.true(Buffer.concat(b.bufs).equals(Buffer.concat(a.bufs)), 'decoded events are byte for byte the same');
      t.deepEqual(b.meta, { ...a.meta, formatVersion: { major: 1, minor: 2 } });
    }
  });

  (existsSync(SYSDIG) ? test : test.skip)(`${name}: sysdig 0.29.3 prints the same for the copy`, (t) => {
    const src = join(TRACES, name);
    const dst = out();
    copy(src, dst);
    t.is(sysdig(['-r', dst]), sysdig(['-r', src]));
    const fields = '*%evt.num %proc.name %proc.args %proc.cwd %fd.name %user.name %user.loginuid %thread.cgroups %proc.env';
    t.is(sysdig(['-r', dst, '-p', fields]), sysdig(['-r', src, '-p', fields]));
  });
}

/** A batch of hand-made records (batch layout). */
function batch(recs: Array<{ type: number; flags?: number; params: Buffer[] }>): Buffer {
  const parts: Buffer[] = [];
  recs.forEach((r, i) => {
    const data = Buffer.concat(r.params);
    const b = Buffer.alloc(34 + 4 * r.params.length);
    b.writeUInt16LE(1, 0);
    b.writeUInt32LE(r.flags ?? 0, 4);
    b.writeBigUInt64LE(BigInt(1000 + i), 8);
    b.writeBigUInt64LE(77n, 16);
    b.writeUInt32LE(26 + 4 * r.params.length + data.length, 24);
    b.writeUInt16LE(r.type, 28);
    b.writeUInt32LE(r.params.length, 30);
    r.params.forEach((p, j) => b.writeUInt32LE(p.length, 34 + 4 * j));
    parts.push(b, data);
  });
  return Buffer.concat(parts);
}

const CLOSE_E = 4;
const WRITE_X = 9; // res, data
const CONTAINER_JSON_2_E = 324; // a "large payload" event type

test('block choice: flags -> EVF, large payloads -> the _LARGE blocks', (t) => {
  const big = Buffer.alloc(100_000, 0x62);
  const buf = batch([
    { type: CLOSE_E, params: [Buffer.alloc(8)] },
    { type: CLOSE_E, flags: 4, params: [Buffer.alloc(8)] },
    { type: WRITE_X, params: [Buffer.alloc(8), big] },
    { type: WRITE_X, flags: 1, params: [Buffer.alloc(8), big] },
    { type: CONTAINER_JSON_2_E, params: [Buffer.from('{"container":{}}\0')] },
  ]);
  const dst = out();
  const w = SavefileWriter.open(dst);
  w.writeBatch(buf, 5);
  t.true(w.bytesWritten > 200_000);
  w.close();
  const types = walkBlocks(scapBytes(dst)).map((b) => b.type);
  t.deepEqual(types, [BT.SHB, BT.EV_V2, BT.EVF_V2, BT.EV_V2_LARGE, BT.EVF_V2_LARGE, BT.EV_V2_LARGE]);
  const back = readAll(dst);
  t.true(Buffer.concat(back.bufs).equals(buf));
  t.deepEqual(back.meta.threads, []);
  t.is(back.meta.machine, null);
});

test('metadata from a partial object: missing fields take libscap defaults', (t) => {
  const dst = out();
  const w = SavefileWriter.open(dst);
  w.writeMetadata({
    threads: [{ tid: 5, pid: 5, comm: 'x', args: ['a', 'b c'], fds: [{ fd: 3, type: 1, name: '/x' }] }],
    users: [{ uid: 7, name: 'u' }],
  } as unknown as CaptureMetadata);
  w.writeBatch(batch([{ type: CLOSE_E, params: [Buffer.alloc(8)] }]), 1);
  w.close();
  const { meta } = readAll(dst);
  t.true(meta.hasProcessList);
  const th = meta.threads[0]!;
  t.deepEqual([th.tid, th.pid, th.ptid, th.sid, th.vtid, th.comm, th.loginuid, th.fdlimit], [5, 5, -1, -1, -1, 'x', -1, -1]);
  t.deepEqual(th.args, ['a', 'b c']);
  t.deepEqual(
    th.fds.map((f) => [f.fd, f.type, f.name]),
    [[3, 1, '/x']],
  );
  t.deepEqual(meta.users, [{ uid: 7, gid: 0, name: 'u', homedir: '', shell: '' }]);
  t.true(meta.hasUserList);
  t.is(meta.interfaces, null);
});

test('what sysdig 0.29.3 cannot read is made readable: long strings cut, new fd types unsupported', (t) => {
  const dst = out();
  const w = SavefileWriter.open(dst);
  const longArgs = Array.from({ length: 100 }, (_, i) => `argument-${i}-${'x'.repeat(40)}`);
  w.writeMetadata({
    formatVersion: { major: 1, minor: 2 },
    machine: null,
    hasProcessList: true,
    threads: [
      {
        tid: 9,
        pid: 9,
        comm: 'long',
        exe: '/' + 'e'.repeat(3000),
        args: longArgs,
        fds: [
          { fd: 4, type: 20, name: 'memfd:x' },
          { fd: 5, type: 0, name: 'never written' },
        ],
      },
    ],
    interfaces: null,
    hasUserList: true,
    users: [{ uid: 1, gid: 1, name: 'n'.repeat(400), homedir: '/', shell: '/bin/sh' }],
    groups: [],
  } as unknown as CaptureMetadata);
  w.writeBatch(batch([{ type: CLOSE_E, params: [Buffer.alloc(8)] }]), 1);
  w.close();
  const { meta } = readAll(dst);
  const th = meta.threads[0]!;
  t.is(th.exe.length, 1024);
  const argBytes = th.args.reduce((s, a) => s + a.length + 1, 0);
  t.true(argBytes <= 4096 && argBytes > 4000);
  t.deepEqual(th.args, longArgs.slice(0, th.args.length));
  t.deepEqual(
    th.fds.map((f) => [f.fd, f.type, f.name]),
    [[4, 10, 'memfd:x']],
  );
  t.is(meta.users[0]!.name.length, 255);
  if (existsSync(SYSDIG)) t.regex(sysdig(['-r', dst, '-c', 'lsof']), /^0\n/);
});

test('errors: bad records, metadata out of order, closed writers, unwritable paths', (t) => {
  const dst = out();
  const w = SavefileWriter.open(dst);
  w.writeMetadata({ threads: [] } as unknown as CaptureMetadata);
  t.throws(() => w.writeMetadata({} as CaptureMetadata), { message: `${dst}: metadata must be written once, before any event` });
  const good = batch([{ type: CLOSE_E, params: [Buffer.alloc(8)] }]);
  const bad = Buffer.from(good);
  bad.writeUInt32LE(0xffff, 24);
  t.throws(() => w.writeBatch(Buffer.concat([good, bad]), 2), {
    message: `${dst}: record 1 of the batch (at byte ${good.length}) is malformed: length 65535 does not fit the ${good.length} bytes left`,
  });
  // A refused record leaves the file usable.
  w.writeBatch(good, 1);
  w.close();
  const back = readAll(dst);
  t.is(back.counts.reduce((a, b) => a + b, 0), 2, 'the good records around the bad one were written');
  t.throws(() => w.writeBatch(good, 1), { message: 'capture writer is closed' });
  t.throws(() => SavefileWriter.open(join(dir, 'no/such/dir.scap')), {
    message: `${join(dir, 'no/such/dir.scap')}: cannot create (No such file or directory)`,
  });
  const w2 = SavefileWriter.open(out());
  t.throws(() => w2.writeMetadata({ threads: [{ tid: 'one' }] } as unknown as CaptureMetadata), {
    instanceOf: TypeError,
    message: 'metadata: meta.threads[0].tid must be a number',
  });
  w2.writeBatch(good, 1);
  t.throws(() => w2.writeMetadata({} as CaptureMetadata), { message: /metadata must be written once, before any event/ });
  w2.close();
});

test('records read from a trace can be regrouped into any batches', (t) => {
  const src = join(TRACES, 'syscall.scap');
  const { meta, bufs, counts } = readAll(src);
  const all: Record[] = bufs.flatMap((b, i) => records(b, counts[i]!));
  const whole = Buffer.concat(bufs);
  const dst = out();
  const w = SavefileWriter.open(dst, { compress: true });
  w.writeMetadata(meta);
  // one record per call
  let off = 0;
  for (const r of all) {
    w.writeBatch(whole.subarray(off, off + 8 + r.len), 1);
    off += 8 + r.len;
  }
  w.close();
  t.true(Buffer.concat(readAll(dst).bufs).equals(whole));
});

test('direct (around the page cache) writes the same bytes, here and on tmpfs, whatever the size', (t) => {
  const { meta, bufs, counts } = readAll(join(TRACES, 'syscall.scap'));
  const places = [dir, ...(existsSync('/dev/shm') ? [mkdtempSync('/dev/shm/sinspect-writer-')] : [])];
  // a few records (the tail only), and several times the 4 MiB staging buffer
  for (const rounds of [0, 1, 40]) {
    for (const where of places) {
      const files = [false, true].map((direct) => {
        const path = join(where, `direct-${rounds}-${direct}.scap`);
        const w = SavefileWriter.open(path, { direct });
        w.writeMetadata(meta);
        for (let r = 0; r < rounds; r++) bufs.forEach((b, i) => w.writeBatch(b, counts[i]!));
        if (rounds === 0) w.writeBatch(bufs[0]!.subarray(0, 8 + bufs[0]!.readUInt32LE(24)), 1);
        const expected = w.bytesWritten;
        w.close();
        // (zlib's own buffer makes the ordinary writer's count lag, as libscap's does)
        if (direct) t.is(statSync(path).size, expected, 'bytesWritten counts every byte');
        return readFileSync(path);
      });
      t.true(files[0]!.equals(files[1]!), `${where}, ${rounds} rounds`);
    }
  }
  for (const where of places.slice(1)) rmSync(where, { recursive: true, force: true });
});
