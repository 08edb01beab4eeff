// Damaged and wrong input: every complete event before the damage, then one line
// naming the file and the byte offset; wrong files get one clear line; never a crash.
import test from 'ava';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { SYSDIG029_EVENT_COUNT } from '../../sinsp/generated/schema.js';
import { BT, isEventBlock, rawEvent, records, scapBytes, tracePath, walkBlocks, type RawBlock, type Record } from './scap-walk.js';
import { sectionHeader, machineInfo, Bytes, block } from './scap-build.js';
import { scratchFiles } from './scratch.js';

const { dir, file } = scratchFiles('damage');

interface Outcome {
  recs: Record[];
  error: string | undefined;
  openError: string | undefined;
}

function read(path: string): Outcome {
  let r: SavefileReader;
  try {
    r = SavefileReader.open(path);
  } catch (e) {
    return { recs: [], error: undefined, openError: (e as Error).message };
  }
  const recs: Record[] = [];
  let error: string | undefined;
  try {
    for (let b = r.nextBatch(); b; b = r.nextBatch()) recs.push(...records(b.buf, b.count));
  } catch (e) {
    error = (e as Error).message;
    // The error stays: later calls report it again.
    let again = '';
    try {
      r.nextBatch();
    } catch (e2) {
      again = (e2 as Error).message;
    }
    if (again !== error) throw new Error(`error not repeated: ${again}`);
  }
  r.close();
  return { recs, error, openError: undefined };
}

function oneLine(msg: string | undefined): boolean {
  return msg !== undefined && !/[\r\n]/.test(msg);
}

/** Events the reader must deliver from blocks entirely inside data[0, cut). */
function eventsBefore(blocks: RawBlock[], cut: number): number {
  return blocks.filter((b) => isEventBlock(b.type) && b.offset + b.length <= cut && rawEvent(b).type < SYSDIG029_EVENT_COUNT)
    .length;
}

const catWrite = scapBytes(tracePath('cat_write.scap'));
const catBlocks = walkBlocks(catWrite);
const firstEvent = catBlocks.find((b) => isEventBlock(b.type))!.offset;
const fullCat = read(file(catWrite)).recs;

test('cut at every block boundary: exactly the events before the cut, no error', (t) => {
  t.true(catBlocks.length > 400);
  for (const b of catBlocks) {
    const cut = b.offset + b.length;
    const path = file(catWrite.subarray(0, cut));
    const o = read(path);
    if (cut <= firstEvent) {
      // Metadata alone: libscap (and sysdig) refuse a file without events.
      t.is(o.openError, `${path}: no events in file`);
      continue;
    }
    t.is(o.openError, undefined, `cut ${cut}`);
    t.is(o.error, undefined, `cut ${cut}`);
    const n = eventsBefore(catBlocks, cut);
    t.is(o.recs.length, n, `cut ${cut}`);
    t.deepEqual(o.recs, fullCat.slice(0, n));
  }
});

test('cut inside every block: the events before it, then the offset of the cut block', (t) => {
  for (const b of catBlocks) {
    for (const inside of [2, 6, 8, b.length >> 1, b.length - 1]) {
      if (inside <= 0 || inside >= b.length) continue;
      const cut = b.offset + inside;
      const path = file(catWrite.subarray(0, cut));
      const o = read(path);
      const kind = inside < 4 ? 'block header' : isEventBlock(b.type) ? 'event block' : '[a-z ]+ block';
      // Two bytes cannot even say what the file is.
      const expected =
        b.offset === 0 && inside < 4
          ? new RegExp(`^${path.replace(/[.]/g, '\\.')}: not a scap capture file$`)
          : new RegExp(`^${path.replace(/[.]/g, '\\.')}: truncated ${kind} at byte ${b.offset}$`);
      // Damage in a metadata block fails the open; 1-3 bytes of a header cannot tell
      // what block they start, and come out of nextBatch like damaged events.
      if (b.offset === 0 || (b.offset < firstEvent && inside >= 4)) {
        t.regex(o.openError ?? '', expected, `cut ${cut}`);
      } else {
        t.regex(o.error ?? '', expected, `cut ${cut}`);
        t.true(oneLine(o.error));
        const n = eventsBefore(catBlocks, cut);
        t.is(o.recs.length, n, `cut ${cut}`);
        t.deepEqual(o.recs, fullCat.slice(0, n));
      }
    }
  }
});

test('a truncated gzip file: a prefix of the events, then one line with the offset', (t) => {
  const gz = gzipSync(catWrite);
  let partial = 0;
  for (const frac of [0.3, 0.6, 0.8, 0.9, 0.95]) {
    const path = file(gz.subarray(0, Math.floor(gz.length * frac)));
    const o = read(path);
    // Most of the compressed bytes are metadata: early cuts fail at open.
    const msg = o.openError ?? o.error ?? '';
    t.regex(msg, new RegExp(`^${path}: truncated .* at byte \\d+$`));
    t.true(o.recs.length < fullCat.length);
    t.deepEqual(o.recs, fullCat.slice(0, o.recs.length));
    if (o.recs.length > 0) partial++;
  }
  t.true(partial >= 2);
  // Only the gzip trailer (CRC and size) missing: every event, then the complaint.
  const path = file(gz.subarray(0, gz.length - 8));
  const o = read(path);
  t.is(o.recs.length, fullCat.length);
  t.regex(o.error ?? '', new RegExp(`^${path}: truncated gzip stream at byte ${catWrite.length}$`));
});

/** A copy of data with the u32 at `at` replaced. */
function withU32(data: Buffer, at: number, v: number): Buffer {
  const c = Buffer.from(data);
  c.writeUInt32LE(v >>> 0, at);
  return c;
}

test('corrupt event block framing: the events before it, then what is wrong and where', (t) => {
  const evBlocks = catBlocks.filter((b) => isEventBlock(b.type));
  const b = evBlocks[10]!;
  const before = eventsBefore(catBlocks, b.offset);
  const cases: Array<[Buffer, RegExp]> = [
    [withU32(catWrite, b.offset + b.length - 4, b.length + 4), /corrupt event block at byte \d+ \(trailer length \d+ does not match header length \d+\)$/],
    [withU32(catWrite, b.offset + 4, 4), /corrupt event block at byte \d+ \(length 4 is shorter than a block's framing\)$/],
    [withU32(catWrite, b.offset + 4, 0xfffffff0), /truncated event block at byte \d+$/],
    [withU32(catWrite, b.offset + 4, b.length + 4), /corrupt event block at byte \d+ \(trailer length/],
  ];
  for (const [data, re] of cases) {
    const o = read(file(data));
    t.regex(o.error ?? '', re);
    t.true((o.error ?? '').includes(`at byte ${b.offset} `) || (o.error ?? '').endsWith(`at byte ${b.offset}`));
    t.is(o.recs.length, before);
  }
});

test('corrupt event contents: lengths that do not fit are caught', (t) => {
  const sample = scapBytes(tracePath('sample.scap'));
  const blocks = walkBlocks(sample);
  const evs = blocks.filter(
    (b) => b.type === BT.EV_V2 && rawEvent(b).nparams! >= 2 && rawEvent(b).type < SYSDIG029_EVENT_COUNT,
  );
  const b = evs[5]!;
  const before = eventsBefore(blocks, b.offset);
  const ev = b.offset + 8 + 2; // ppm header
  const cases: Array<[Buffer, RegExp]> = [
    [withU32(sample, ev + 22, 0xffffffff), /\(4294967295 parameters do not fit in event length \d+\)$/],
    [withU32(sample, ev + 16, 0x7fffffff), /\(event length 2147483647 exceeds the \d+ bytes of its block\)$/],
    [withU32(sample, ev + 16, 10), /\(event length 10 is smaller than its header\)$/],
    [Buffer.concat([sample.subarray(0, ev + 26), Buffer.from([0xff, 0xff]), sample.subarray(ev + 28)]), /\(parameter lengths \(\d+ bytes\) exceed event length \d+\)$/],
  ];
  for (const [data, re] of cases) {
    const path = file(data);
    const o = read(path);
    t.regex(o.error ?? '', new RegExp(`^${path}: corrupt event block at byte ${b.offset} `));
    t.regex(o.error ?? '', re);
    t.is(o.recs.length, before);
  }

  // v1 events carry no nparams: lengths must add up for some count the schema allows.
  const v1 = catBlocks.filter((x) => x.type === BT.EV && rawEvent(x).event.length > 26)[3]!;
  const evlen = v1.offset + 8 + 2 + 16;
  const o = read(file(withU32(catWrite, evlen, catWrite.readUInt32LE(evlen) - 1)));
  t.regex(o.error ?? '', new RegExp(`corrupt event block at byte ${v1.offset} \\(parameter lengths of [a-z_0-9]+ event do not add up to its length \\d+\\)$`));
  t.is(o.recs.length, eventsBefore(catBlocks, v1.offset));
});

test('corrupt metadata: open fails with the block and the offset', (t) => {
  const sample = scapBytes(tracePath('sample.scap'));
  const blocks = walkBlocks(sample);
  const pl = blocks.find((b) => b.type === BT.PL_V9)!;
  const entryLen = pl.offset + 8;
  let o = read(file(withU32(sample, entryLen, 0x00ffffff)));
  t.regex(o.openError ?? '', new RegExp(`: corrupt process list block at byte ${pl.offset} \\(thread entry 0 has length 16777215, but \\d+ bytes remain\\)$`));

  const fdl = blocks.find((b) => b.type === BT.FDL_V2)!;
  o = read(file(withU32(sample, fdl.offset + 8, 999999)));
  t.regex(o.openError ?? '', new RegExp(`: corrupt fd list block at byte ${fdl.offset} \\(fds of thread 999999, which is not in the process list\\)$`));

  const ul = blocks.find((b) => b.type === BT.UL_V2)!;
  o = read(file(withU32(sample, ul.offset + 8, 3)));
  t.regex(o.openError ?? '', new RegExp(`: corrupt user list block at byte ${ul.offset} \\(user entry 0 has length 3`));

  const il = blocks.find((b) => b.type === BT.IL_V2)!;
  o = read(file(withU32(sample, il.offset + 8 + 4, 0x00ff0077)));
  t.regex(o.openError ?? '', new RegExp(`: corrupt interface list block at byte ${il.offset} \\(interface entry 0 has unknown type 119\\)$`));
});

test('random byte damage never crashes and always ends in one line naming the file', (t) => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 300; i++) {
    const data = Buffer.from(catWrite);
    const flips = 1 + rnd(8);
    for (let j = 0; j < flips; j++) data[rnd(data.length)] = rnd(256);
    const path = file(data);
    const o = read(path);
    const msg = o.openError ?? o.error;
    if (msg !== undefined) {
      t.true(oneLine(msg), msg);
      t.true(msg.startsWith(`${path}: `), msg);
    }
    t.true(o.recs.length <= fullCat.length);
  }
});

test('not a capture: missing file, directory, empty file, text, gzip of text', (t) => {
  const missing = join(dir, 'no-such.scap');
  t.throws(() => SavefileReader.open(missing), { message: `${missing}: cannot open (No such file or directory)` });
  const sub = join(dir, 'a-directory');
  mkdirSync(sub);
  t.throws(() => SavefileReader.open(sub), { message: `${sub}: is a directory, not a capture file` });
  const empty = file(Buffer.alloc(0));
  t.throws(() => SavefileReader.open(empty), { message: `${empty}: empty file, not a scap capture` });
  const text = file(Buffer.from('{"name": "not a capture"}\n'));
  t.throws(() => SavefileReader.open(text), { message: `${text}: not a scap capture file` });
  const gz = file(gzipSync(Buffer.from('hello world, still not a capture\n')));
  t.throws(() => SavefileReader.open(gz), { message: `${gz}: not a scap capture file (gzip data of something else)` });
  const pcapng = file(Buffer.concat([new Bytes().u32(0x0a0d0d0a).u32(28).u32(0x1a2b3c4d).build(), Buffer.alloc(16)]));
  t.throws(() => SavefileReader.open(pcapng), { message: /: corrupt section header block at byte 0 \(trailer length 0 does not match header length 28\)$/ });
});

test('section headers: options are skipped; big-endian and future versions are refused', (t) => {
  const rest = catWrite.subarray(catBlocks[1]!.offset);
  const withOptions = file(Buffer.concat([sectionHeader(1, 2, Buffer.from('optionsX')), rest]));
  t.is(read(withOptions).recs.length, fullCat.length);

  const swapped = Buffer.from(catWrite);
  swapped.writeUInt32BE(0x1a2b3c4d, 8);
  const be = file(swapped);
  t.throws(() => SavefileReader.open(be), { message: `${be}: big-endian captures are not supported` });

  const future = file(Buffer.concat([sectionHeader(2, 0), rest]));
  t.throws(() => SavefileReader.open(future), { message: `${future}: capture format version 2.0 is newer than this reader (1.x)` });

  const noEvents = file(Buffer.concat([sectionHeader(), machineInfo('box'), block(0x7777, Buffer.from('unknown'))]));
  t.throws(() => SavefileReader.open(noEvents), { message: `${noEvents}: no events in file` });
});
