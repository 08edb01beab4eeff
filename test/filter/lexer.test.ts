import test from 'ava';
import { FilterError } from '../../sinsp/filter/errors.js';
import { Lexer, unescapeValue, valueBytes } from '../../sinsp/filter/lexer.js';

test('field names need a dot; identifiers do not', (t) => {
  const lx = new Lexer('proc.name=curl');
  const f = lx.lexFieldName();
  t.is(f?.value, 'proc.name');
  t.is(f?.start, 0);
  t.is(f?.end, 9);
  t.is(lx.pos, 9);

  const id = new Lexer('curl and');
  t.is(id.lexFieldName(), undefined);
  t.is(id.pos, 0);
  t.is(id.lexIdentifier()?.value, 'curl');
  t.is(id.pos, 4);

  t.is(new Lexer('thread.cgroup.cpu_acct[x]').lexFieldName()?.value, 'thread.cgroup.cpu_acct');
  t.is(new Lexer('evt.arg.1').lexFieldName()?.value, 'evt.arg');
  t.is(new Lexer('1proc.name').lexFieldName(), undefined);
});

test('blanks include tabs, newlines and backspace', (t) => {
  const lx = new Lexer(' \t\n\r\b\v\fx');
  t.true(lx.skipBlank());
  t.is(lx.pos, 7);
  t.false(lx.skipBlank());
});

test('numbers: decimal with sign, fraction and exponent; hex', (t) => {
  t.is(new Lexer('-12 ').lexNumber()?.value, '-12');
  t.is(new Lexer('+3.5e+10x').lexNumber()?.value, '+3.5e+10');
  t.is(new Lexer('7.').lexNumber()?.value, '7.');
  t.is(new Lexer('1e5').lexNumber()?.value, '1', 'an exponent needs its sign');
  t.is(new Lexer('0x1F)').lexHexNumber()?.value, '0x1F');
  t.is(new Lexer('0x').lexHexNumber(), undefined);
  t.is(new Lexer('abc').lexNumber(), undefined);
});

test('bare values stop at blanks and parentheses; list items at commas too', (t) => {
  t.is(new Lexer('/etc/passwd)').lexBareValue(false)?.value, '/etc/passwd');
  t.is(new Lexer('fd=3,x y').lexBareValue(false)?.value, 'fd=3,x');
  t.is(new Lexer("don't").lexBareValue(false)?.value, "don't");
  t.is(new Lexer('a,b)').lexBareValue(true)?.value, 'a');
  t.is(new Lexer('(x').lexBareValue(false), undefined);
  t.is(new Lexer("'x'").lexBareValue(false), undefined, 'a quote starts a quoted string');
  const tok = new Lexer('HTTP\\x2f1.1').lexBareValue(false);
  t.is(tok?.value, 'HTTP/1.1', 'escapes are decoded');
  t.is(tok?.raw, 'HTTP\\x2f1.1');
});

test('field arguments stop at brackets, quotes and blanks', (t) => {
  t.is(new Lexer('HOME]').lexFieldArgBare()?.value, 'HOME');
  t.is(new Lexer('a(b)c]').lexFieldArgBare()?.value, 'a(b)c');
  t.is(new Lexer(']').lexFieldArgBare(), undefined);
});

test('quoted strings: either quote, escapes decoded, raw kept', (t) => {
  const lx = new Lexer(`"a \\"b\\" c" rest`);
  const tok = lx.lexQuotedString();
  t.is(tok?.kind, 'quoted');
  t.is(tok?.value, 'a "b" c');
  t.is(tok?.raw, `"a \\"b\\" c"`);
  t.is(lx.pos, 11);

  t.is(new Lexer(`'it''`).lexQuotedString()?.value, 'it');
  t.is(new Lexer(`'x\\'y'`).lexQuotedString()?.value, "x\\'y", 'the quote does not end the string and stays escaped');
  t.is(new Lexer(`"a\\\\"`).lexQuotedString()?.value, 'a\\', 'an escaped backslash does not escape the quote');
  t.is(new Lexer('x').lexQuotedString(), undefined);
});

test("escape sequences are sysdig 0.29.3's", (t) => {
  t.is(unescapeValue(`"a\\\\b\\"c"`), 'a\\b"c');
  t.is(unescapeValue(`"\\x41\\x7a"`), 'Az');
  t.is(unescapeValue(`'\\"'`), '"');
  // every other backslash pair stays as written
  t.is(unescapeValue(`"\\n\\t\\r\\/"`), '\\n\\t\\r\\/');
  t.is(unescapeValue(`'it\\'s'`), "it\\'s");
  t.is(unescapeValue(`'*\\.txt'`), '*\\.txt');
  // bare values decode the same escapes; a trailing lone backslash is dropped
  t.is(unescapeValue('HTTP\\x2f1.1'), 'HTTP/1.1');
  t.is(unescapeValue('a\\'), 'a');
  t.is(unescapeValue('plain'), 'plain');
});

test('bad hex escapes and unterminated strings are errors with positions', (t) => {
  const bad = new Lexer(`a "x\\xZZ"`);
  bad.pos = 2;
  const e1 = t.throws(() => bad.lexQuotedString(), { instanceOf: FilterError });
  t.is(e1?.message, 'filter error at position 4: invalid escape sequence \\xZZ: expected \\xHH');
  const lx = new Lexer(`x="abc`);
  lx.pos = 2;
  const e2 = t.throws(() => lx.lexQuotedString(), { instanceOf: FilterError });
  t.is(e2?.message, 'filter error at position 2: unterminated quoted string starting with "');
  t.is(e2?.position, 2);
});

test('hex escapes give raw bytes', (t) => {
  t.deepEqual([...valueBytes(`"\\xff\\x00a"`)], [0xff, 0x00, 0x61]);
  t.deepEqual([...valueBytes(`"é"`)], [0xc3, 0xa9], 'literal text is UTF-8');
  t.deepEqual([...valueBytes('a\\xe9')], [0x61, 0xe9], 'bare values too');
});

test('words do not run into the next word', (t) => {
  const lx = new Lexer('contains x');
  t.is(lx.lexWord(['in', 'contains'])?.value, 'contains');
  t.is(lx.pos, 8);
  t.is(new Lexer('containsx').lexWord(['contains']), undefined);
  t.is(new Lexer('contains/etc').lexWord(['contains'])?.value, 'contains');
  t.is(new Lexer('in(a)').lexWord(['intersects', 'in'])?.value, 'in');
  t.is(new Lexer('<=3').lexOneOf(['<=', '<'])?.value, '<=');
  t.is(new Lexer('<3').lexOneOf(['<=', '<'])?.value, '<');
});

test('exact text and lookahead', (t) => {
  const lx = new Lexer('not(x)');
  t.true(lx.lookingAt('not('));
  t.is(lx.pos, 0);
  t.is(lx.lexExact('not(')?.end, 4);
  t.is(lx.lexOneOf(['y', 'x'])?.value, 'x');
  t.is(lx.peekCode(), 41);
  t.false(lx.atEnd());
  lx.lexExact(')');
  t.true(lx.atEnd());
  t.true(Number.isNaN(lx.peekCode()));
});
