import test from 'ava';
import { allowedValues, filterFields, requiredValues } from '../../sinsp/filter/analysis.js';
import { parseFilter } from '../../sinsp/filter/parser.js';

const fields = (f: string) => filterFields(parseFilter(f)).map((u) => (u.arg === undefined ? u.name : `${u.name}[${u.arg}]`));
const required = (f: string, field: string) => {
  const s = requiredValues(parseFilter(f), field);
  return s && [...s].sort();
};
const allowed = (f: string, field: string, arg?: string) => {
  const c = allowedValues(parseFilter(f), field, arg);
  return { negated: c.negated, values: [...c.values].sort(), missing: c.missing };
};

test('every field read, once, in order of appearance', (t) => {
  t.deepEqual(fields('proc.name=curl and (fd.type=ipv4 or proc.name=wget)'), ['proc.name', 'fd.type']);
  t.deepEqual(fields('evt.arg[0]=1 or evt.arg[1]=2 or evt.arg[0]=3'), ['evt.arg[0]', 'evt.arg[1]']);
  t.deepEqual(fields('tolower(proc.name) = val(proc.pname) and not fd.name exists'), ['proc.name', 'proc.pname', 'fd.name']);
  t.deepEqual(fields('spawned_process'), []);
  const uses = filterFields(parseFilter('a.b=1 and  c.d=2'));
  t.deepEqual(uses[1], { name: 'c.d', arg: undefined, loc: { start: 11, end: 14 } });
});

test('values a field must take at top level', (t) => {
  t.deepEqual(required('evt.type=open', 'evt.type'), ['open']);
  t.deepEqual(required('evt.type in (open, openat, close)', 'evt.type'), ['close', 'open', 'openat']);
  t.deepEqual(required('evt.type=open and proc.name=curl', 'evt.type'), ['open']);
  t.deepEqual(required('evt.type=open and proc.name=curl', 'proc.name'), ['curl']);
  t.deepEqual(required('evt.type=open or evt.type=close', 'evt.type'), ['close', 'open']);
  t.deepEqual(required('(evt.type=open or evt.type=read) and evt.type in (read, write)', 'evt.type'), ['read']);
  t.deepEqual(required('evt.type = anyof (a, b)', 'evt.type'), ['a', 'b']);
  t.deepEqual(required('evt.type=open and not evt.type=close', 'evt.type'), ['open']);
  t.deepEqual(required('not (evt.type!=open)', 'evt.type'), undefined, 'not (x != v) also holds when x is missing');
  t.is(required('evt.type=open or proc.name=curl', 'evt.type'), undefined);
  t.is(required('evt.type!=switch', 'evt.type'), undefined);
  t.is(required('not evt.type=switch', 'evt.type'), undefined);
  t.is(required('proc.name=curl', 'evt.type'), undefined);
  t.is(required('evt.type contains open', 'evt.type'), undefined);
  t.deepEqual(required('evt.type=open and evt.type=close', 'evt.type'), [], 'contradictions allow nothing');
});

test('negative constraints and missing values', (t) => {
  t.deepEqual(allowed('evt.type!=switch', 'evt.type'), { negated: true, values: ['switch'], missing: false });
  t.deepEqual(allowed('not evt.type in (switch, procexit)', 'evt.type'), { negated: true, values: ['procexit', 'switch'], missing: true });
  t.deepEqual(allowed('not evt.type=a and not evt.type=b', 'evt.type'), { negated: true, values: ['a', 'b'], missing: true });
  t.deepEqual(allowed('proc.name exists', 'proc.name'), { negated: true, values: [], missing: false });
  t.deepEqual(allowed('not proc.name exists', 'proc.name'), { negated: false, values: [], missing: true });
  t.deepEqual(allowed('proc.name contains x', 'proc.name'), { negated: true, values: [], missing: false });
  // the negation of an inexact check says nothing
  t.deepEqual(allowed('not proc.name contains x', 'proc.name'), { negated: true, values: [], missing: true });
  t.deepEqual(allowed('not (proc.name=a and fd.num=3)', 'proc.name'), { negated: true, values: [], missing: true });
  t.deepEqual(allowed('tolower(proc.name)=a', 'proc.name'), { negated: true, values: [], missing: false });
  t.deepEqual(allowed('proc.name=a or not proc.name exists', 'proc.name'), { negated: false, values: ['a'], missing: true });
  t.deepEqual(allowed('evt.arg[0]=a', 'evt.arg', '0'), { negated: false, values: ['a'], missing: false });
  t.deepEqual(allowed('evt.arg[1]=a', 'evt.arg', '0'), { negated: true, values: [], missing: true });
});
