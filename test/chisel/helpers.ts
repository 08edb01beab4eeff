// A small world for chisel engine tests: synthetic events, a handful of fields, a filter
// language of `field=value` terms joined by `and`, and chisel files in a temp directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Event, RECORD_PREFIX, EVENT_HEADER } from '../../sinsp/event/event.js';
import type { Extractor, FieldInfo, FieldRegistry, FieldValue } from '../../sinsp/fields/types.js';
import { State } from '../../sinsp/state/state.js';
import type { ChiselEnv } from '../../sinsp/chisel/env.js';
import { MemorySink } from '../../sinsp/chisel/output.js';

export const TYPE_NAMES: Record<number, string> = { 2: 'open', 3: 'open', 6: 'read', 7: 'read' };

/** One event: number, timestamp (ns), type, and a value for the test.val field. */
export interface Spec {
  num: number;
  ts: bigint;
  type: number;
  val?: number;
  str?: string;
}

export function makeEvent(s: Spec): Event {
  const b = Buffer.alloc(RECORD_PREFIX + EVENT_HEADER);
  b.writeUInt16LE(1, 0);
  b.writeBigUInt64LE(s.ts, 8);
  b.writeBigUInt64LE(100n, 16);
  b.writeUInt32LE(EVENT_HEADER, 24);
  b.writeUInt16LE(s.type, 28);
  const ev = new Event();
  ev.load(b, 0);
  ev.num = s.num;
  ev.scratch.set('val', s.val);
  ev.scratch.set('str', s.str);
  return ev;
}

function extractor(name: string, type: number, get: (ev: Event) => FieldValue | undefined): Extractor {
  const info: FieldInfo = { name, type, desc: name };
  return { info, arg: undefined, type, extract: get, render: (v) => String(v) };
}

const FIELDS: Record<string, () => Extractor> = {
  'evt.num': () => extractor('evt.num', 8, (ev) => BigInt(ev.num)),
  'evt.type': () => extractor('evt.type', 9, (ev) => TYPE_NAMES[ev.type] ?? 'unknown'),
  'evt.rawtime': () => extractor('evt.rawtime', 21, (ev) => ev.ts),
  'test.val': () => extractor('test.val', 4, (ev) => ev.scratch.get('val') as number | undefined),
  'test.str': () => extractor('test.str', 9, (ev) => ev.scratch.get('str') as string | undefined),
  'test.ip': () => extractor('test.ip', 26, () => 0x0100007f),
  'evt.buffer': () => ({ ...extractor('evt.buffer', 10, () => Buffer.from('a\r\nb')), render: () => 'a..b' }),
};

export const registry: FieldRegistry = {
  classes: [],
  scan(text, pos) {
    const m = /^[a-z]+\.[a-z._]+/.exec(text.slice(pos));
    return m ? { name: m[0], arg: undefined, end: pos + m[0].length } : undefined;
  },
  resolve(name) {
    const f = FIELDS[name];
    if (!f) throw new Error(`invalid field ${name}`);
    return f();
  },
};

/** `a=b and c=d`: every term must hold (values compared as text). */
export function compileFilter(text: string): (ev: Event) => boolean {
  const terms = text.split(' and ').map((t) => {
    const m = /^\s*([a-z._]+)\s*=\s*(\S+)\s*$/.exec(t);
    if (!m) throw new Error(`filter error at position 0: unexpected '${t}'`);
    return { ex: registry.resolve(m[1]!, undefined), want: m[2]! };
  });
  return (ev) => terms.every(({ ex, want }) => String(ex.extract(ev)) === want);
}

export interface World {
  env: ChiselEnv;
  out: MemorySink;
  err: MemorySink;
  state: State;
  dir: string;
  globalFilter: string;
}

export function makeWorld(): World {
  const dir = mkdtempSync(join(tmpdir(), 'chisel-test-'));
  const out = new MemorySink();
  const err = new MemorySink();
  const state = new State();
  const world: World = {
    out,
    err,
    state,
    dir,
    globalFilter: '',
    env: undefined as unknown as ChiselEnv,
  };
  world.env = {
    fields: registry,
    compileFilter,
    compileFormatter: (fmt) => {
      const names = [...fmt.matchAll(/%([a-z._]+)/g)].map((m) => registry.resolve(m[1]!, undefined));
      return (ev) => names.map((ex) => String(ex.extract(ev))).join(' ');
    },
    state: () => state,
    isLive: false,
    inputFile: 'test.scap',
    setGlobalFilter: (t) => {
      world.globalFilter = t;
    },
    getGlobalFilter: () => world.globalFilter,
    stdout: out,
    stderr: err,
    dirs: [dir + '/', ''],
  };
  return world;
}

/** Write a chisel file into the world's directory; returns its path. */
export function writeChisel(w: World, name: string, source: string): string {
  const p = join(w.dir, name);
  writeFileSync(p, source);
  return p;
}

/** The usual chisel header: metadata and no arguments. */
export const HEADER = `description = "test chisel"; short_description = "test"; category = "Test"; args = {}\n`;
