// Field-name parsing: how much of a string a field reference takes, as libsinsp's
// parse_field_name decides it. The base rule is a prefix match against the class's field
// names (the longest wins), so `%proc.namex` is proc.name followed by the text "x"; the
// fields that take an argument read it as `name[arg]` or `name.arg`.
import { FieldError, FieldFlag, type FieldClass, type FieldInfo } from '../types.js';

export interface FieldNameMatch {
  field: FieldInfo;
  arg: string | undefined;
  /** index just past the reference; may equal the start when libsinsp takes 0 characters */
  end: number;
}

/** A field class that parses its own names (when the generic rules are not what libsinsp does). */
export interface NamedFieldClass extends FieldClass {
  parseName?(text: string, pos: number): FieldNameMatch | undefined;
}

/** the field whose name is the longest prefix of text[pos..] */
export function longestPrefixField(fields: readonly FieldInfo[], text: string, pos: number): FieldInfo | undefined {
  let best: FieldInfo | undefined;
  for (const f of fields) {
    if ((best === undefined || f.name.length > best.name.length) && text.startsWith(f.name, pos)) best = f;
  }
  return best;
}

/** sscanf("%d%c") == 1: an optionally signed decimal, leading blanks allowed, nothing after */
export function parseInt32Arg(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n > 2147483647) return 2147483647;
  if (n < -2147483648) return -2147483648;
  return n;
}

export function syntaxError(text: string, pos: number): FieldError {
  return new FieldError(`filter syntax error: ${text.slice(pos)}`);
}

function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The generic rule: prefix match, then for fields that take an argument `[arg]` (up to
 * the first ']') or, for key arguments, `.key` (letters, digits, '_').
 */
export function parseNameGeneric(cls: FieldClass, text: string, pos: number): FieldNameMatch | undefined {
  const field = longestPrefixField(cls.fields, text, pos);
  if (!field) return undefined;
  const flags = field.flags ?? 0;
  let end = pos + field.name.length;
  if (!(flags & (FieldFlag.ARG_REQUIRED | FieldFlag.ARG_ALLOWED))) return { field, arg: undefined, end };
  const c = text[end];
  if (c === '[') {
    const close = text.indexOf(']', end);
    if (close < 0) throw syntaxError(text, pos);
    const arg = text.slice(end + 1, close);
    if (flags & FieldFlag.ARG_INDEX && !(flags & FieldFlag.ARG_KEY) && parseInt32Arg(arg) === undefined)
      throw new FieldError(`${arg} is not a valid number`);
    return { field, arg, end: close + 1 };
  }
  if (c === '.' && flags & FieldFlag.ARG_KEY) {
    let p = end + 1;
    while (p < text.length && isKeyChar(text.charCodeAt(p))) p++;
    return { field, arg: text.slice(end + 1, p), end: p };
  }
  if (flags & FieldFlag.ARG_REQUIRED) throw syntaxError(text, pos);
  return { field, arg: undefined, end };
}

/** parse with the class's own rules when it has them */
export function parseName(cls: NamedFieldClass, text: string, pos: number): FieldNameMatch | undefined {
  return cls.parseName ? cls.parseName(text, pos) : parseNameGeneric(cls, text, pos);
}
