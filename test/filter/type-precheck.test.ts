// Checks on fields that depend on the event type alone are decided per type when a
// filter is compiled, and the type number then rules events out first. On a real trace
// the filter must select exactly what the full filter selects: compared here with the
// same filter plus an always-true stateful term (evt.deltatime >= 0), which turns the
// shortcut off.
import test from 'ava';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { createRegistry } from '../../sinsp/fields/registry.js';
import { compileFilter } from '../../sinsp/filter/compiler.js';
import { Inspector } from '../../sinsp/inspector.js';
import { tracePath } from '../capture/scap-walk.js';

function selected(trace: string, filterText: string): number[] {
  const inspector = new Inspector(SavefileReader.open(tracePath(trace)));
  const registry = createRegistry({
    state: inspector.state,
    options: { bufferFormat: 'normal', timeMode: 'h', verbose: false },
  });
  inspector.setFilter(compileFilter(filterText, registry));
  const nums: number[] = [];
  inspector.run((ev) => {
    nums.push(ev.num);
  });
  inspector.close();
  return nums;
}

const FILTERS = [
  'evt.type=read and fd.type=file',
  'evt.type in (open, openat, close) and evt.failed=false',
  '(evt.type=execve and evt.dir=<) or (evt.type=chdir and evt.dir=< and proc.name contains sh)',
  'evt.type=switch or evt.type=procinfo',
  'evt.type=sendto and not fd.type=ipv6',
  'evt.type=ptrace', // a type neither trace has
  'fd.type=file and evt.is_io=true',
  'evt.is_io_write=true and evt.dir=< and not fd.name contains /dev',
  'evt.dir=> or evt.type=close',
  'not (evt.type=procinfo or evt.type=switch) and proc.name=nginx',
  'syscall.type=read and evt.is_wait=false',
  'evt.type != read and evt.is_io=true',
];

for (const trace of ['502Error.scap', 'sample.scap']) {
  test(`${trace}: filters with type-only checks select the same events with and without the shortcut`, (t) => {
    for (const f of FILTERS) {
      const fast = selected(trace, f);
      const full = selected(trace, `(${f}) and evt.deltatime >= 0`);
      t.deepEqual(fast, full, f);
    }
    t.true(selected(trace, FILTERS[3]!).length > 0);
  });
}
