// evt.around[T]=D, the filter-only field libsinsp compares by itself
// (sinsp_filter_check_event::compare): an event matches when T, a timestamp as
// evt.rawtime prints it, lies within D milliseconds of the event's own timestamp.
// sysdig 0.29.3's quirks kept here:
// - only '=' is accepted;
// - `in (D1, D2, ...)` becomes `= D1 or = D2 ...` on copies of the check that lose T
//   (filter_check_list::new_filter_check_from_another): T is 0 for them;
// - `exists` compares with a delta of 0 (only the event at T itself).
import type { Event } from '../event/event.js';
import type { Extractor } from '../fields/types.js';
import { aroundMatcher } from '../fields/classes/evt.js';
import type { BinaryCheckNode, ValueNode } from './ast.js';
import { FilterError } from './errors.js';

type Check = (ev: Event) => boolean;

const U64_MAX = (1n << 64n) - 1n;
const ONLY_EQUAL = "evt.around supports only '=' comparison operator";

/**
 * sinsp_numparser::parseu64 (sscanf "%lu%c" must read the number alone): leading
 * blanks, a sign (a negative wraps), strtoull's saturation on overflow.
 */
export function parseU64Like(text: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  const v = BigInt(m[2]!);
  if (v > U64_MAX) return U64_MAX;
  return m[1] === '-' ? -v & U64_MAX : v;
}

/** T of an evt.around[T] operand, or undefined when the operand is another field */
export function aroundReference(ex: Extractor | undefined): bigint | undefined {
  if (ex === undefined || ex.info.name !== 'evt.around' || ex.arg === undefined) return undefined;
  return parseU64Like(ex.arg) ?? 0n;
}

function delta(value: ValueNode): bigint {
  const d = parseU64Like(value.value);
  if (d === undefined) throw new FilterError(value.loc.start, `${value.value} is not a valid number`);
  return d;
}

/** the check for `evt.around[T] <op> ...` (op already normalised: '==' is '=') */
export function aroundCheck(node: BinaryCheckNode, op: string, reference: bigint): Check {
  const right = node.right;
  if (op === 'pmatch') throw new FilterError(node.opLoc.start, 'pmatch requires all charbuf arguments');
  if ((op === 'in' || op === 'intersects') && !node.modifier && right.kind === 'list') {
    const checks = right.items.map((v) => aroundMatcher(0n, delta(v)));
    return (ev) => {
      for (let i = 0; i < checks.length; i++) if (checks[i]!(ev)) return true;
      return false;
    };
  }
  if (op !== '=' || node.modifier) throw new FilterError(node.opLoc.start, ONLY_EQUAL);
  if (right.kind !== 'value') throw new FilterError(right.loc.start, 'evt.around compares with a number of milliseconds, not a field');
  return aroundMatcher(reference, delta(right));
}

/** `evt.around[T] exists` */
export function aroundExists(reference: bigint): Check {
  return aroundMatcher(reference, 0n);
}
