// The module's fillers against the schema: every event a syscall is routed to
// in sysdig 0.29.3's table has a filler when it has parameters, no event has
// two, and every filled event is one sysdig 0.29.3 knows.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../sinsp/driver/paths.js';

const ROOT = packageRoot();
const FILLERS_DIR = join(ROOT, 'native', 'driver', 'kmod', 'fillers');

interface EventJson {
  id: number;
  enum: string;
  params: unknown[];
  sysdig029?: 'unknown' | { nparams?: number; params?: unknown[] };
}
interface SyscallJson {
  nr: number;
  name: string;
  enter: string;
  exit: string;
  sysdig029?: { enter?: string; exit?: string };
}

const events = (JSON.parse(readFileSync(join(ROOT, 'schema', 'events.json'), 'utf8')) as { events: EventJson[] }).events;
const syscalls = (JSON.parse(readFileSync(join(ROOT, 'schema', 'syscalls_x86_64.json'), 'utf8')) as { syscalls: SyscallJson[] })
  .syscalls;
const byEnum = new Map(events.map((e) => [e.enum, e]));

function nparams029(e: EventJson): number {
  const o = e.sysdig029;
  if (o === 'unknown') return -1;
  if (o?.params) return o.params.length;
  if (o?.nparams !== undefined) return o.nparams;
  return e.params.length;
}

/** event enum -> [file, function] of every DEFINE_FILLERS entry. */
function registeredFillers(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of readdirSync(FILLERS_DIR).filter((n) => n.endsWith('.c'))) {
    const text = readFileSync(join(FILLERS_DIR, f), 'utf8');
    const block = /DEFINE_FILLERS\(\w+,([\s\S]*?)\);/.exec(text);
    if (!block) continue;
    for (const m of block[1]!.matchAll(/\{(PPME_\w+),\s*(\w+)\}/g)) {
      out.set(m[1]!, [...(out.get(m[1]!) ?? []), `${f}:${m[2]}`]);
    }
  }
  return out;
}

test('every routed event with parameters has exactly one filler', (t) => {
  const fillers = registeredFillers();
  const missing: string[] = [];
  for (const sc of syscalls) {
    for (const name of [sc.sysdig029?.enter ?? sc.enter, sc.sysdig029?.exit ?? sc.exit]) {
      const ev = byEnum.get(name);
      t.truthy(ev, `${sc.name}: ${name} is not in events.json`);
      if (ev && nparams029(ev) > 0 && !fillers.has(name)) missing.push(`${sc.name} -> ${name}`);
    }
  }
  t.deepEqual([...new Set(missing)], []);
  const twice = [...fillers].filter(([, where]) => where.length > 1).map(([e, where]) => `${e}: ${where.join(', ')}`);
  t.deepEqual(twice, []);
});

test('fillers only fill events sysdig 0.29.3 knows, with parameters', (t) => {
  for (const [name, where] of registeredFillers()) {
    const ev = byEnum.get(name);
    t.truthy(ev, `${where.join(', ')}: ${name} is not in events.json`);
    if (!ev) continue;
    t.true(ev.id < 336, `${name} (${ev.id}) is unknown to sysdig 0.29.3`);
    t.true(nparams029(ev) > 0, `${name} has no parameters in sysdig 0.29.3 (${where.join(', ')})`);
  }
});

test('the tracepoint events are filled', (t) => {
  const probes = readFileSync(join(ROOT, 'native', 'driver', 'kmod', 'probes.c'), 'utf8');
  for (const [ev, fn] of [
    ['PPME_PROCEXIT_1_E', 'fill_procexit'],
    ['PPME_SCHEDSWITCH_6_E', 'fill_sched_switch'],
    ['PPME_PAGE_FAULT_E', 'fill_page_fault'],
    ['PPME_SIGNALDELIVER_E', 'fill_signal_deliver'],
  ] as const) {
    t.regex(probes, new RegExp(`emit_tp\\(${ev},[^;]*${fn}`), `${ev} emitted with ${fn}`);
  }
});
