// The filter lexer: recognises one kind of token at the cursor when the parser asks for
// it. The filter language is not context free at the token level (the same characters
// are a bare string after `=`, a number after `<`, a field name at the start of a check),
// so, like libsinsp's parser, the parser drives the lexer: each `lex*` method either
// consumes a token of its kind at the cursor and returns it, or leaves the cursor alone
// and returns undefined.
//
// Token shapes (libsinsp filter/parser.h):
//   FieldName        [a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+
//   Identifier       [a-zA-Z][a-zA-Z0-9_]*
//   FieldArgBareStr  [^ \t\n\r\v\f\[\]"']+
//   HexNumber        0[xX][0-9a-fA-F]+
//   Number           [+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?
//   QuotedStr        "..." or '...' with backslash escapes (see walkEscapes)
//   BareValue        [^blank()"'] [^blank()]*        a value; sysdig 0.29.3 took `a=b`, `x,y`
//   BareListItem     [^blank()"',] [^blank(),]*      a value inside ( , , )
//   blanks           space \t \b \r \n \v \f
import { FilterError } from './errors.js';

export type TokenKind =
  | 'field'
  | 'identifier'
  | 'fieldArg'
  | 'hex'
  | 'number'
  | 'quoted'
  | 'bare'
  | 'operator'
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** the token's value: unescaped for quoted strings, the source text otherwise */
  value: string;
  /** the token exactly as written */
  raw: string;
  /** 0-based offsets into the filter text: [start, end) */
  start: number;
  end: number;
}

const RE_FIELD_NAME = /[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+/y;
const RE_IDENTIFIER = /[a-zA-Z][a-zA-Z0-9_]*/y;
const RE_FIELD_ARG_BARE = /[^ \t\n\r\v\f[\]"']+/y;
const RE_HEX = /0[xX][0-9a-fA-F]+/y;
const RE_NUMBER = /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
const RE_BARE_VALUE = /[^ \t\n\r\v\f\b()"'][^ \t\n\r\v\f\b()]*/y;
const RE_BARE_LIST_ITEM = /[^ \t\n\r\v\f\b()"',][^ \t\n\r\v\f\b(),]*/y;

export function isBlank(c: number): boolean {
  // space, \t, \n, \v, \f, \r, \b
  return c === 32 || (c >= 9 && c <= 13) || c === 8;
}

export function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export class Lexer {
  readonly source: string;
  pos = 0;

  constructor(source: string) {
    this.source = source;
  }

  atEnd(): boolean {
    return this.pos >= this.source.length;
  }

  /** char code at the cursor (NaN at the end) */
  peekCode(offset = 0): number {
    return this.source.charCodeAt(this.pos + offset);
  }

  /** true if the text at the cursor starts with `s` (nothing is consumed) */
  lookingAt(s: string): boolean {
    return this.source.startsWith(s, this.pos);
  }

  /** consume blanks; true if there was at least one */
  skipBlank(): boolean {
    const start = this.pos;
    const src = this.source;
    while (this.pos < src.length && isBlank(src.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  /** consume exactly `s` if it is at the cursor */
  lexExact(s: string, kind: TokenKind = 'punct'): Token | undefined {
    if (!this.source.startsWith(s, this.pos)) return undefined;
    const start = this.pos;
    this.pos += s.length;
    return { kind, value: s, raw: s, start, end: this.pos };
  }

  /** consume the first of `list` found at the cursor */
  lexOneOf(list: readonly string[], kind: TokenKind = 'punct'): Token | undefined {
    for (const s of list) {
      const t = this.lexExact(s, kind);
      if (t) return t;
    }
    return undefined;
  }

  /** consume the first word of `list` at the cursor that does not run into a letter, digit or '_' */
  lexWord(list: readonly string[], kind: TokenKind = 'operator'): Token | undefined {
    for (const w of list) {
      if (!this.source.startsWith(w, this.pos)) continue;
      const c = this.source.charCodeAt(this.pos + w.length);
      if (!Number.isNaN(c) && isIdentChar(c)) continue;
      const start = this.pos;
      this.pos += w.length;
      return { kind, value: w, raw: w, start, end: this.pos };
    }
    return undefined;
  }

  private lexRegex(re: RegExp, kind: TokenKind): Token | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.source);
    if (!m || m[0].length === 0) return undefined;
    const start = this.pos;
    this.pos += m[0].length;
    return { kind, value: m[0], raw: m[0], start, end: this.pos };
  }

  lexFieldName(): Token | undefined {
    return this.lexRegex(RE_FIELD_NAME, 'field');
  }

  lexIdentifier(): Token | undefined {
    return this.lexRegex(RE_IDENTIFIER, 'identifier');
  }

  lexFieldArgBare(): Token | undefined {
    return this.lexRegex(RE_FIELD_ARG_BARE, 'fieldArg');
  }

  lexHexNumber(): Token | undefined {
    return this.lexRegex(RE_HEX, 'hex');
  }

  lexNumber(): Token | undefined {
    return this.lexRegex(RE_NUMBER, 'number');
  }

  /** an unquoted value (in a list: one item); its escapes are decoded like a quoted one's */
  lexBareValue(inList: boolean): Token | undefined {
    const tok = this.lexRegex(inList ? RE_BARE_LIST_ITEM : RE_BARE_VALUE, 'bare');
    if (tok) tok.value = unescapeValue(tok.raw, tok.start);
    return tok;
  }

  /**
   * A string in single or double quotes. A backslash always protects the next character
   * from ending the string; escapes are decoded by `unescapeValue`. An unterminated
   * quote is an error (nothing else could lex there).
   */
  lexQuotedString(): Token | undefined {
    const src = this.source;
    const q = src.charCodeAt(this.pos);
    if (q !== 34 && q !== 39) return undefined;
    const start = this.pos;
    let i = start + 1;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 92) {
        i += 2;
        continue;
      }
      if (c === q) {
        const raw = src.slice(start, i + 1);
        const value = unescapeValue(raw, start);
        this.pos = i + 1;
        return { kind: 'quoted', value, raw, start, end: this.pos };
      }
      i++;
    }
    throw new FilterError(start, `unterminated quoted string starting with ${String.fromCharCode(q)}`);
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Walk the escapes of a value's text (without its quotes), calling `text` for each run of
 * literal characters and `byte` for each `\xHH`. The escapes are sysdig 0.29.3's, in
 * quoted and bare values alike: `\\` and `\"` stand for the character, `\xHH` for the
 * byte; any other backslash pair stays as written (`'\n'` is a backslash and an n, and
 * `'*\.txt'` reaches glob unchanged). A lone backslash at the end is dropped.
 */
function walkEscapes(body: string, offset: number, text: (s: string) => void, byte: (b: number) => void): void {
  const end = body.length;
  let run = 0;
  for (let i = 0; i < end; i++) {
    if (body.charCodeAt(i) !== 92) continue;
    if (i > run) text(body.slice(run, i));
    const e = body[i + 1];
    let next = i + 2;
    if (e === undefined) {
      next = i + 1;
    } else if (e === '\\' || e === '"') {
      text(e);
    } else if (e === 'x') {
      const h = hexDigit(body.charCodeAt(i + 2));
      const l = hexDigit(body.charCodeAt(i + 3));
      if (h < 0 || l < 0) {
        throw new FilterError(offset + i, `invalid escape sequence ${body.slice(i, Math.min(i + 4, end))}: expected \\xHH`);
      }
      byte(h * 16 + l);
      next = i + 4;
    } else {
      text(body.slice(i, i + 2));
    }
    run = next;
    i = next - 1;
  }
  if (end > run) text(body.slice(run, end));
}

function isQuoted(raw: string): boolean {
  const q = raw.charCodeAt(0);
  return (q === 34 || q === 39) && raw.length >= 2 && raw.charCodeAt(raw.length - 1) === q;
}

/** The string a value token stands for (quoted or bare); `\xHH` becomes the character with that code. */
export function unescapeValue(raw: string, offset = 0): string {
  const quoted = isQuoted(raw);
  let out = '';
  walkEscapes(quoted ? raw.slice(1, -1) : raw, offset + (quoted ? 1 : 0), (s) => { out += s; }, (b) => { out += String.fromCharCode(b); });
  return out;
}

/** The bytes a value token stands for: literal text as UTF-8, `\xHH` as the byte HH. */
export function valueBytes(raw: string): Uint8Array {
  const parts: Buffer[] = [];
  walkEscapes(isQuoted(raw) ? raw.slice(1, -1) : raw, 0, (s) => { parts.push(Buffer.from(s, 'utf8')); }, (b) => { parts.push(Buffer.from([b])); });
  return new Uint8Array(Buffer.concat(parts));
}
