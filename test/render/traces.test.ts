// Real traces: every event's number, time, CPU, direction, type and evt.info against
// the lines sysdig 0.29.3 printed for them (../shared/conformance/expected/default-*.out).
// Skipped when the shared traces are not there (a clean clone without them).
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { evtFields } from '../../sinsp/fields/classes/evt.js';
import { parseName } from '../../sinsp/fields/classes/names.js';
import type { Extractor, FieldContext } from '../../sinsp/fields/types.js';
import { Inspector } from '../../sinsp/inspector.js';

// dist/test/render -> the repository -> its sibling "shared"
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SHARED = join(ROOT, '..', 'shared');

const CASES: Array<[string, string]> = [
  ['cat_write.scap', 'default-cat_write.out'],
  ['connect_localhost.scap', 'default-connect_localhost.out'],
  ['open-multiple-files.scap', 'default-open_multiple_files.out'],
  ['ping_sendto.scap', 'default-ping_sendto.out'],
  ['sample.scap', 'default-sample.out'],
  ['single_ipv6_conn.scap', 'default-single_ipv6_conn.out'],
  ['syscall.scap', 'default-syscall.out'],
  ['502Error.scap', 'default-502Error.out'],
];

/** "NUM TIME CPU PROC (TID) DIR TYPE INFO": the parts this module prints. */
const LINE = /^(\d+) (\S+) (\d+) .* \(\d+\) ([<>]) (\S+) (.*)$/;

function bind(ref: string, ctx: FieldContext): Extractor {
  for (const cls of evtFields) {
    const m = parseName(cls, ref, 0);
    if (m) return cls.bind(m.field, m.arg, ctx);
  }
  throw new Error(ref);
}

for (const [trace, expected] of CASES) {
  const tracePath = join(SHARED, 'traces', trace);
  const expectedPath = join(SHARED, 'conformance', 'expected', expected);
  const available = existsSync(tracePath) && existsSync(expectedPath);
  (available ? test : test.skip)(`${trace}: evt fields of the default output match sysdig`, (t) => {
    const want = new Map<number, string[]>();
    for (const line of readFileSync(expectedPath, 'utf8').split('\n')) {
      const m = LINE.exec(line);
      if (m) want.set(Number(m[1]), [m[2]!, m[3]!, m[4]!, m[5]!, m[6]!]);
    }
    const inspector = new Inspector(SavefileReader.open(tracePath), {});
    const ctx: FieldContext = { state: inspector.state, options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } };
    const fields = ['evt.outputtime', 'evt.cpu', 'evt.dir', 'evt.type', 'evt.info'].map((f) => bind(f, ctx));
    let compared = 0;
    const mismatches: string[] = [];
    inspector.run((ev) => {
      const w = want.get(ev.num);
      if (w === undefined) return;
      compared++;
      const got = fields.map((x) => {
        const v = x.extract(ev);
        return v === undefined ? '<NA>' : x.render(v, ev);
      });
      // the time of day depends on the local zone: compare it only when running in UTC
      if (new Date().getTimezoneOffset() !== 0) got[0] = w[0]!;
      if (got.join('\u0000') !== w.join('\u0000') && mismatches.length < 5) mismatches.push(`#${ev.num}: ${got.join(' ')} | want ${w.join(' ')}`);
    });
    inspector.close();
    t.is(compared, want.size, 'every printed event was seen');
    t.deepEqual(mismatches, []);
  });
}
