import test from 'ava';
import { EventFormatter, FormatError, unescapeFormat } from '../../sinsp/output/formatter.js';
import type { Extractor, FieldRegistry, FieldValue } from '../../sinsp/fields/types.js';
import { Event } from '../../sinsp/event/event.js';

// A registry with three fields: a.num (always 7), a.str ('x y'), a.none (no value).
function fakeRegistry(): FieldRegistry {
  const values: Record<string, FieldValue | undefined> = { 'a.num': 7, 'a.str': 'x y', 'a.none': undefined };
  return {
    classes: [],
    scan(text, pos) {
      for (const name of Object.keys(values).sort((x, y) => y.length - x.length)) {
        if (text.startsWith(name, pos)) return { name, arg: undefined, end: pos + name.length };
      }
      return undefined;
    },
    resolve(name): Extractor {
      return {
        info: { name, type: 0, desc: '' },
        arg: undefined,
        type: 0,
        extract: () => values[name],
        render: (v) => String(v),
        renderJson: (v) => (typeof v === 'number' ? String(v) : JSON.stringify(v)),
      };
    },
  };
}

const ev = new Event();

test('literal text and fields', (t) => {
  const f = new EventFormatter('n=%a.num s=[%a.str]!', fakeRegistry());
  t.is(f.format(ev), 'n=7 s=[x y]!');
});

test('without *, an event lacking a field is not printed; with *, <NA>', (t) => {
  t.is(new EventFormatter('%a.num %a.none', fakeRegistry()).format(ev), undefined);
  t.is(new EventFormatter('*%a.num %a.none', fakeRegistry()).format(ev), '7 <NA>');
});

test('%N pads and cuts to N characters', (t) => {
  t.is(new EventFormatter('%5a.num|%2a.str|', fakeRegistry()).format(ev), '7    |x |');
});

test('JSON: keys sorted, literal text left out, null for missing values with *', (t) => {
  t.is(new EventFormatter('*%a.str %a.num %a.none', fakeRegistry()).formatJson(ev), '{"a.none":null,"a.num":7,"a.str":"x y"}');
  t.is(new EventFormatter('%a.str %a.none', fakeRegistry()).formatJson(ev), undefined);
});

test('JSON: a key set by an event stays for later ones; a field used twice is one key', (t) => {
  let have = true;
  const base = fakeRegistry();
  const reg: FieldRegistry = {
    ...base,
    resolve(name) {
      const x = base.resolve(name, undefined);
      return name === 'a.str' ? { ...x, extract: () => (have ? 'x y' : undefined) } : x;
    },
  };
  const f = new EventFormatter('%a.num %a.str %a.num', reg);
  t.is(f.formatJson(ev), '{"a.num":7,"a.str":"x y"}');
  have = false;
  // not printed (a.str is missing), but a.num was written before the miss: the old a.str stays
  t.is(f.formatJson(ev), undefined);
  have = true;
  t.is(f.formatJson(ev), '{"a.num":7,"a.str":"x y"}');
  const g = new EventFormatter('*%a.str', reg);
  have = false;
  t.is(g.formatJson(ev), '{"a.str":null}');
});

test('syntax errors', (t) => {
  t.throws(() => new EventFormatter('', fakeRegistry()), { instanceOf: FormatError, message: 'empty formatting token' });
  t.throws(() => new EventFormatter('abc %', fakeRegistry()), { message: 'invalid formatting syntax: formatting cannot end with a %' });
  t.throws(() => new EventFormatter('%12', fakeRegistry()), { message: 'invalid formatting syntax: formatting cannot end with a number' });
  t.throws(() => new EventFormatter('%b.x', fakeRegistry()), { message: 'invalid formatting token b.x' });
});

test('escapes: \\n \\t \\e \\\\, other backslashes stay', (t) => {
  t.is(unescapeFormat('a\\nb\\tc\\ed\\\\e\\q'), 'a\nb\tc\x1bd\\e\\q');
});
