// Reading a capture the guest brought back with sysdig 0.29.3 and sinspect at once:
// the two must print the same lines, which the checks then look into.
import type { ExecutionContext } from 'ava';
import { sinspectRead, sysdigRead } from './readers.js';

export const FORMAT = '%thread.tid %evt.dir %evt.type %evt.args';

/** Lines of `-p FORMAT FILTER` from both readers, which must agree. */
export function both(t: ExecutionContext, file: string, filter: string, format = FORMAT): string[] {
  const s = sysdigRead(file, ['-p', format, filter]);
  const o = sinspectRead(file, ['-p', format, filter]);
  t.is(s.status, 0, `sysdig: ${s.stderr}`);
  t.is(o.status, 0, `sinspect: ${o.stderr}`);
  t.deepEqual(o.lines, s.lines, `sinspect and sysdig disagree on: ${filter}`);
  return s.lines;
}

/** Exactly one line matches re; returns its groups. */
export function one(t: ExecutionContext, lines: string[], re: RegExp, what: string): RegExpExecArray {
  const hits = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  t.is(hits.length, 1, `${what}: expected one line matching ${re} in:\n${lines.join('\n')}`);
  return hits[0] ?? (Object.assign([''], { index: 0, input: '' }) as RegExpExecArray);
}

export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
