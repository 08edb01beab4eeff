// The capture filter sees the thread table's entry for events that carry no thread of
// their own (sinsp_evt::get_thread_info's lookup): page faults, and a child's clone
// exit that arrives before its parent's.
import test from 'ava';
import { createRegistry } from '../../sinsp/fields/registry.js';
import { compileFilter } from '../../sinsp/filter/compiler.js';
import { PPME } from '../../sinsp/generated/schema.js';
import { Inspector } from '../../sinsp/inspector.js';
import { P, batch, capturedThread, memorySource, metadata, type RecordSpec } from '../helpers/records.js';
import { cloneExit } from './builders.js';

const threads = [
  capturedThread({ tid: 100, comm: 'bash', exe: '/bin/bash', ptid: 1 }),
  capturedThread({ tid: 500, comm: 'other', exe: '/bin/other', ptid: 1 }),
];

function pageFault(tid: number): RecordSpec {
  return { type: PPME.PAGE_FAULT_E, tid, params: [P.u64(0x7f0000001000n), P.u64(0x401000), P.u32(0x12)] };
}

/** run specs under the capture filter `text`; the delivered events as [type, tid, comm, pid] */
function filtered(text: string, specs: RecordSpec[]): Array<[number, number, string | undefined, number | undefined]> {
  const insp = new Inspector(memorySource(metadata({ threads }), [batch(specs)]));
  const registry = createRegistry({ state: insp.state, options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } });
  insp.setFilter(compileFilter(text, registry));
  const out: Array<[number, number, string | undefined, number | undefined]> = [];
  insp.run((ev) => {
    out.push([ev.type, ev.tid, ev.thread?.comm, ev.thread?.pid]);
  });
  return out;
}

test('proc.pid matches page faults (they have no thread until a field looks it up)', (t) => {
  const got = filtered('evt.type=page_fault and proc.pid=100', [pageFault(100), pageFault(500), pageFault(100)]);
  t.deepEqual(got, [
    [PPME.PAGE_FAULT_E, 100, 'bash', 100],
    [PPME.PAGE_FAULT_E, 100, 'bash', 100],
  ]);
});

test('a page fault does not become its thread\'s last event', (t) => {
  const insp = new Inspector(memorySource(metadata({ threads }), [batch([pageFault(100)])]));
  const registry = createRegistry({ state: insp.state, options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } });
  insp.setFilter(compileFilter('proc.pid=100', registry));
  let n = 0;
  insp.run(() => {
    n++;
  });
  t.is(n, 1);
  const bash = insp.state.thread(100)!;
  t.is(bash.lastEventTsHi, 0);
  t.is(bash.lastEventTsLo, 0);
});

test('a child clone exit before the parent\'s matches proc.pid of the child it creates', (t) => {
  const specs = [cloneExit({ tid: 300, res: 0, ptid: 100, comm: 'bash' }), cloneExit({ tid: 100, res: 300, comm: 'bash' })];
  const got = filtered('proc.pid=300', specs);
  t.deepEqual(got, [[PPME.SYSCALL_CLONE_20_X, 300, 'bash', 300]]);
});

test('proc.ppid matches the new child\'s own clone exit (the thread its parsing created)', (t) => {
  const specs = [cloneExit({ tid: 300, res: 0, ptid: 100, comm: 'bash' }), cloneExit({ tid: 100, res: 300, comm: 'bash' })];
  const got = filtered('proc.pid=100 or proc.ppid=100', specs);
  t.deepEqual(got, [
    [PPME.SYSCALL_CLONE_20_X, 300, 'bash', 300],
    [PPME.SYSCALL_CLONE_20_X, 100, 'bash', 100],
  ]);
});
