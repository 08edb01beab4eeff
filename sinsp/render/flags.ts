// Flag and mode parameters: the number, then the names of the bits it has, e.g.
// flags=4097(O_RDONLY|O_CLOEXEC).
//
// The walk is libsinsp's: entries are visited in table order until one equals the
// whole value; an entry matches when all its bits are still set (or when both it and
// the value are 0) and its bits are then cleared, so O_RDWR hides O_WRONLY/O_RDONLY.
// The entry equal to the whole value, when there is one, ends the list.
import { FLAG_TABLES } from '../generated/schema.js';

export interface CompiledFlags {
  readonly names: readonly string[];
  readonly values: Uint32Array;
  /** memo of value -> text for values seen before (flag values repeat a lot) */
  readonly memo: Map<number, string>;
}

const compiled = new Map<string, CompiledFlags>();

/** The table named `name`, prepared for resolveFlags; undefined when the schema has none. */
export function flagTable(name: string | undefined): CompiledFlags | undefined {
  if (name === undefined) return undefined;
  let t = compiled.get(name);
  if (t) return t;
  const entries = FLAG_TABLES[name];
  if (!entries) return undefined;
  t = {
    names: entries.map((e) => e.name),
    values: Uint32Array.from(entries.map((e) => e.value >>> 0)),
    memo: new Map(),
  };
  compiled.set(name, t);
  return t;
}

/** The '|'-separated names of `value` in `table` ('' when none apply). */
export function resolveFlags(value: number, table: CompiledFlags): string {
  const initial = value >>> 0;
  const hit = table.memo.get(initial);
  if (hit !== undefined) return hit;
  let val = initial;
  let out = '';
  const { names, values } = table;
  let k = 0;
  for (; k < values.length && values[k] !== initial; k++) {
    const f = values[k]!;
    if ((f === 0 && initial === 0) || (f !== 0 && ((val & f) >>> 0) === f && val !== 0)) {
      out = out === '' ? names[k]! : out + '|' + names[k]!;
      val = (val & ~f) >>> 0;
    }
  }
  if (k < values.length) out = out === '' ? names[k]! : out + '|' + names[k]!;
  if (table.memo.size < 4096) table.memo.set(initial, out);
  return out;
}
