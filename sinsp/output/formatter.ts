// The -p formatter: `%field` tokens between literal text, as sysdig's event formatter
// parses them. A format that starts with '*' prints every event, with <NA> for fields
// that have no value; otherwise an event is printed only when every field has a value.
// `%12field` pads (or cuts) the value to 12 characters.
import type { Event } from '../event/event.js';
import type { Extractor, FieldRegistry } from '../fields/types.js';
import { jsonQuote } from './json.js';

export class FormatError extends Error {}

interface FieldToken {
  text: string;
  extractor: Extractor;
  width: number;
}
type Token = string | FieldToken;

/** sysdig's escapes in -p formats: \n, \t, \e and \\ (anything else keeps its backslash) */
export function unescapeFormat(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1];
      if (n === 'n') { out += '\n'; i++; continue; }
      if (n === 't') { out += '\t'; i++; continue; }
      if (n === 'e') { out += '\x1b'; i++; continue; }
      if (n === '\\') { out += '\\'; i++; continue; }
    }
    out += c;
  }
  return out;
}

export class EventFormatter {
  private readonly tokens: Token[] = [];
  readonly requireAll: boolean;
  /**
   * The format as arrays walked per event: literal[i] comes before field i, tail after
   * the last one (no type tests on tokens in the loop).
   */
  private readonly literals: string[] = [];
  private readonly fields: Extractor[] = [];
  private readonly widths: number[] = [];
  private tail = '';
  /**
   * JSON mode keeps one object whose keys persist across events, as sysdig's does. Its
   * keys are the fields' texts in byte order (std::map's): field i writes slot jsonSlot[i],
   * a slot holds undefined until a first value.
   */
  private readonly jsonSlot: number[] = [];
  private readonly jsonKeys: string[] = [];
  private readonly jsonValues: Array<string | undefined> = [];

  constructor(format: string, registry: FieldRegistry) {
    let fmt = format;
    if (fmt === '') throw new FormatError('empty formatting token');
    this.requireAll = fmt[0] !== '*';
    if (!this.requireAll) fmt = fmt.slice(1);
    let literalStart = 0;
    let j = 0;
    while (j < fmt.length) {
      if (fmt[j] !== '%') {
        j++;
        continue;
      }
      if (literalStart !== j) this.tokens.push(fmt.slice(literalStart, j));
      if (j === fmt.length - 1) throw new FormatError('invalid formatting syntax: formatting cannot end with a %');
      let width = 0;
      let p = j + 1;
      while (p < fmt.length && fmt.charCodeAt(p) >= 48 && fmt.charCodeAt(p) <= 57) p++;
      if (p > j + 1) {
        if (p >= fmt.length) throw new FormatError('invalid formatting syntax: formatting cannot end with a number');
        width = Number.parseInt(fmt.slice(j + 1, p), 10);
      }
      const found = registry.scan(fmt, p);
      if (!found) throw new FormatError(`invalid formatting token ${fmt.slice(p)}`);
      const extractor = registry.resolve(found.name, found.arg);
      this.tokens.push({ text: fmt.slice(p, found.end), extractor, width });
      j = found.end;
      literalStart = j;
    }
    if (literalStart < fmt.length) this.tokens.push(fmt.slice(literalStart));
    this.plan();
  }

  private plan(): void {
    let literal = '';
    const texts: string[] = [];
    for (const t of this.tokens) {
      if (typeof t === 'string') {
        literal += t;
        continue;
      }
      this.literals.push(literal);
      literal = '';
      this.fields.push(t.extractor);
      this.widths.push(t.width);
      texts.push(t.text);
    }
    this.tail = literal;
    const keys = [...new Set(texts)].sort(compareBytes);
    for (const text of texts) this.jsonSlot.push(keys.indexOf(text));
    for (const k of keys) {
      this.jsonKeys.push(jsonQuote(k) + ':');
      this.jsonValues.push(undefined);
    }
  }

  /** the extractors this format uses (the chisel engine and pushdown look at them) */
  get extractors(): Extractor[] {
    return this.tokens.filter((t): t is FieldToken => typeof t !== 'string').map((t) => t.extractor);
  }

  /** the line for this event, or undefined when a required field has no value */
  format(ev: Event): string | undefined {
    const fields = this.fields;
    const literals = this.literals;
    const widths = this.widths;
    let out = '';
    for (let i = 0; i < fields.length; i++) {
      const x = fields[i]!;
      const v = x.extract(ev);
      let s: string;
      if (v === undefined) {
        if (this.requireAll) return undefined;
        s = '<NA>';
      } else {
        s = x.render(v, ev);
      }
      const w = widths[i]!;
      if (w !== 0) s = s.length >= w ? s.slice(0, w) : s.padEnd(w, ' ');
      out += literals[i]!;
      out += s;
    }
    return out + this.tail;
  }

  /** the JSON line for this event (keys sorted, as jsoncpp writes them), or undefined */
  formatJson(ev: Event): string | undefined {
    const fields = this.fields;
    const values = this.jsonValues;
    const slots = this.jsonSlot;
    for (let i = 0; i < fields.length; i++) {
      const x = fields[i]!;
      const v = x.extract(ev);
      if (v === undefined) {
        if (this.requireAll) return undefined;
        values[slots[i]!] = 'null';
        continue;
      }
      values[slots[i]!] = x.renderJson ? x.renderJson(v, ev) : jsonQuote(x.render(v, ev));
    }
    const keys = this.jsonKeys;
    let out = '{';
    let first = true;
    for (let k = 0; k < keys.length; k++) {
      const value = values[k];
      if (value === undefined) continue;
      if (!first) out += ',';
      first = false;
      out += keys[k]!;
      out += value;
    }
    return out + '}';
  }
}

/** std::map orders keys by bytes, not by locale */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
