// Reading every real trace: event counts and contents against an independent walk of
// the file's blocks, against sysdig 0.29.3's own count, and metadata spot checks.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader, type ReaderOptions } from '../../sinsp/capture/savefile.js';
import { EVENTS, SYSDIG029_EVENT_COUNT, EVENT_COUNT } from '../../sinsp/generated/schema.js';
import { isEventBlock, rawEvent, records, scapBytes, TRACES, walkBlocks, type Record } from './scap-walk.js';

const SYSDIG = '/usr/bin/sysdig';
const traces = existsSync(TRACES) ? readdirSync(TRACES).filter((f) => f.endsWith('.scap')).sort() : [];

function readAll(path: string, opts: ReaderOptions = {}): { recs: Record[]; reader: SavefileReader } {
  const reader = SavefileReader.open(path, opts);
  const recs: Record[] = [];
  for (let b = reader.nextBatch(); b; b = reader.nextBatch()) recs.push(...records(b.buf, b.count));
  return { recs, reader };
}

test('the shared traces are there', (t) => {
  t.true(traces.length >= 9, `expected the traces of ${TRACES}`);
});

for (const name of traces) {
  const path = join(TRACES, name);

  test(`${name}: every event, exactly as its block holds it`, (t) => {
    const expected = walkBlocks(scapBytes(path))
      .filter((b) => isEventBlock(b.type))
      .map(rawEvent)
      .filter((e) => e.type < SYSDIG029_EVENT_COUNT);
    const { recs, reader } = readAll(path);
    t.is(recs.length, expected.length);
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i]!;
      const e = expected[i]!;
      const where = `event ${i + 1}`;
      t.deepEqual([r.cpu, r.flags, r.ts, r.tid, r.type], [e.cpu, e.flags, e.ts, e.tid, e.type], where);
      const hdr = e.nparams === undefined ? 22 : 26;
      if (e.nparams !== undefined) t.is(r.nparams, e.nparams, where);
      const fileLens: number[] = [];
      for (let j = 0; j < r.nparams; j++) {
        fileLens.push(e.lenSize === 4 ? e.event.readUInt32LE(hdr + 4 * j) : e.event.readUInt16LE(hdr + 2 * j));
      }
      t.deepEqual(r.lens, fileLens, where);
      const data = e.event.subarray(hdr + e.lenSize * r.nparams);
      t.true(r.data.equals(data), `${where}: parameter data`);
      t.is(r.lens.reduce((a, b) => a + b, 0), r.data.length, `${where}: lengths add up`);
      t.is(r.len, 26 + 4 * r.nparams + r.data.length, where);
      if (!r.data.equals(data)) return;
    }
    t.is(reader.bytesRead, reader.fileSize);
    reader.close();
  });

  (existsSync(SYSDIG) ? test : test.skip)(`${name}: as many events as sysdig 0.29.3 counts`, (t) => {
    const out = spawnSync(SYSDIG, ['-r', path, '-q', '-S'], { encoding: 'utf8' }).stdout;
    let sysdigTotal = 0;
    for (const m of out.matchAll(/^[<>] \S+\s+(\d+)$/gm)) sysdigTotal += Number(m[1]);
    const { recs } = readAll(path);
    // sysdig's summary leaves out the container events it consumes internally.
    const container = recs.filter((r) => EVENTS[r.type]!.name === 'container').length;
    t.is(recs.length - container, sysdigTotal);
  });
}

test('a compressed trace and its decompressed copy give the same batches', (t) => {
  const path = join(TRACES, 'cat_write.scap');
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-scap-'));
  const plain = join(dir, 'plain.scap');
  writeFileSync(plain, scapBytes(path));
  const a = readAll(path).recs;
  const b = readAll(plain).recs;
  t.true(a.length > 300);
  t.deepEqual(b, a);
});

test('batch bounds: small batches concatenate to the same events', (t) => {
  const path = join(TRACES, 'open-multiple-files.scap');
  const all = readAll(path).recs;
  const r = SavefileReader.open(path, { maxBatchEvents: 100 });
  const got: Record[] = [];
  let batches = 0;
  for (let b = r.nextBatch(); b; b = r.nextBatch()) {
    t.true(b.count <= 100);
    batches++;
    got.push(...records(b.buf, b.count));
  }
  t.is(batches, Math.ceil(all.length / 100));
  t.deepEqual(got, all);
  t.is(r.nextBatch(), null, 'stays at the end');
  r.close();
  t.throws(() => r.nextBatch(), { message: /closed/ });
});

test('readAs current-libs: every event type, and the v9 process list fields of libs >= 0.10', (t) => {
  const path = join(TRACES, 'sample.scap');
  const compat = readAll(path);
  const current = readAll(path, { readAs: 'current-libs' });
  const blocks = walkBlocks(scapBytes(path)).filter((b) => isEventBlock(b.type)).map(rawEvent);
  t.is(current.recs.length, blocks.filter((e) => e.type < EVENT_COUNT).length);
  t.true(current.recs.length > compat.recs.length);

  // sysdig 0.29.3 reads bytes of pidns_init_start_ts as the login uid (it prints -420151296).
  const sd = (r: SavefileReader) => r.meta.threads.find((th) => th.comm === 'sysdig')!;
  t.is(sd(compat.reader).loginuid, -420151296);
  t.is(sd(compat.reader).pidnsInitStartTs, 0n);
  t.is(sd(current.reader).loginuid, 1000);
  t.true(sd(current.reader).pidnsInitStartTs > 1_600_000_000_000_000_000n);
  t.true(sd(current.reader).capEffective !== 0n || sd(current.reader).capPermitted !== 0n || sd(current.reader).exeIno > 0n);
});

test('metadata of 502Error.scap: machine, users, interfaces, server sockets', (t) => {
  const { reader } = readAll(join(TRACES, '502Error.scap'));
  const m = reader.meta;
  t.deepEqual(m.formatVersion, { major: 1, minor: 0 });
  t.is(m.machine?.numCpus, 4);
  t.is(m.machine?.hostname, 'deleted');
  t.true(m.hasProcessList);
  t.true(m.hasUserList);
  t.is(m.users.length, 46);
  t.is(m.groups.length, 77);
  t.truthy(m.users.find((u) => u.uid === 0 && u.name === 'root' && u.homedir === '/root'));
  t.is(m.interfaces?.ipv4.length, 22);
  const lo = m.interfaces!.ipv4.find((i) => i.name === 'lo')!;
  t.is(lo.addr, 0x0100007f); // 127.0.0.1, network order read little-endian
  t.is(lo.netmask, 0x000000ff);
  // sysdig -c lsof: haproxy 13969 fds 7 (tcp 0.0.0.0:1936), 8 (udp 0.0.0.0:55441), 9 (tcp 0.0.0.0:80)
  const haproxy = m.threads.find((th) => th.tid === 13969)!;
  t.is(haproxy.comm, 'haproxy');
  const servers = haproxy.fds.filter((f) => f.type === 5).map((f) => [f.fd, f.sip, f.sport, f.l4proto]);
  t.deepEqual(servers, [
    [7, 0, 1936, 2],
    [8, 0, 55441, 3],
    [9, 0, 80, 2],
  ]);
});

test('metadata of connect_localhost.scap: unix sockets and threads', (t) => {
  const { reader } = readAll(join(TRACES, 'connect_localhost.scap'));
  const m = reader.meta;
  t.is(m.threads.length, 184);
  const init = m.threads.find((th) => th.tid === 1)!;
  t.is(init.comm, 'systemd');
  const priv = init.fds.find((f) => f.fd === 15)!;
  t.is(priv.type, 8);
  t.is(priv.unixSource, 0xffff8d3f518d8000n);
  t.regex(priv.name, /^\/run\/systemd\/private/);
  for (const th of m.threads) {
    t.is(typeof th.tid, 'number');
    t.true(Array.isArray(th.args) && Array.isArray(th.env) && Array.isArray(th.cgroups));
  }
});
