// How the field classes write their listings: one FieldInfo per field (what -l prints and
// what the name parsers match), and a lookup by name for the classes that parse some of
// their names themselves.
import { PF, PT } from '../../generated/schema.js';
import type { FieldInfo } from '../types.js';

/** One field of a class's listing. */
export function field(name: string, type: number, fmt: number, desc: string, flags = 0): FieldInfo {
  return { name, type, fmt, desc, flags };
}

/** A text field printed as it is (CHARBUF, no format). */
export function textField(name: string, desc: string, flags = 0): FieldInfo {
  return field(name, PT.CHARBUF, PF.NA, desc, flags);
}

/** The field of `fields` with a given name (which must be there). */
export function fieldNamed(fields: readonly FieldInfo[]): (name: string) => FieldInfo {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return (name) => byName.get(name)!;
}
