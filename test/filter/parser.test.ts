import test from 'ava';
import { FieldFlag } from '../../sinsp/fields/types.js';
import { PT } from '../../sinsp/generated/schema.js';
import { FilterError } from '../../sinsp/filter/errors.js';
import { parseFilter, parseOperand } from '../../sinsp/filter/parser.js';
import { FakeRegistry, strip } from './helpers.js';

const f = (name: string, arg?: string, argStyle?: 'bracket' | 'dot') =>
  arg === undefined ? { kind: 'field', name } : { kind: 'field', name, arg, argStyle };
const v = (value: string) => ({ kind: 'value', value });
const eq = (field: string, value: string) => ({ kind: 'binary', left: f(field), op: '=', right: v(value) });

const parse = (text: string) => strip(parseFilter(text));

test('a single check', (t) => {
  t.deepEqual(parse('proc.name=curl'), eq('proc.name', 'curl'));
  t.deepEqual(parse('  proc.name  ==  curl  '), { kind: 'binary', left: f('proc.name'), op: '==', right: v('curl') });
  t.deepEqual(parse('\tproc.name\n=\ncurl'), eq('proc.name', 'curl'));
});

test('positions of nodes', (t) => {
  const ast = parseFilter('a.b=1 and  c.d != 2');
  t.deepEqual(ast.loc, { start: 0, end: 19 });
  if (ast.kind !== 'and') throw new Error('expected and');
  const second = ast.children[1]!;
  t.deepEqual(second.loc, { start: 11, end: 19 });
  if (second.kind !== 'binary') throw new Error('expected a check');
  t.deepEqual(second.opLoc, { start: 15, end: 17 });
  t.deepEqual(second.right.loc, { start: 18, end: 19 });
});

test('and binds tighter than or, not tighter than both', (t) => {
  t.deepEqual(parse('a.a=1 or b.b=2 and c.c=3'), {
    kind: 'or',
    children: [eq('a.a', '1'), { kind: 'and', children: [eq('b.b', '2'), eq('c.c', '3')] }],
  });
  t.deepEqual(parse('a.a=1 and b.b=2 or c.c=3'), {
    kind: 'or',
    children: [{ kind: 'and', children: [eq('a.a', '1'), eq('b.b', '2')] }, eq('c.c', '3')],
  });
  t.deepEqual(parse('not a.a=1 and b.b=2'), {
    kind: 'and',
    children: [{ kind: 'not', child: eq('a.a', '1') }, eq('b.b', '2')],
  });
  t.deepEqual(parse('a.a=1 and b.b=2 and c.c=3'), {
    kind: 'and',
    children: [eq('a.a', '1'), eq('b.b', '2'), eq('c.c', '3')],
  });
});

test('parentheses, not( and and( forms', (t) => {
  t.deepEqual(parse('(a.a=1 or b.b=2) and c.c=3'), {
    kind: 'and',
    children: [{ kind: 'or', children: [eq('a.a', '1'), eq('b.b', '2')] }, eq('c.c', '3')],
  });
  t.deepEqual(parse('not (a.a=1 or b.b=2)'), {
    kind: 'not',
    child: { kind: 'or', children: [eq('a.a', '1'), eq('b.b', '2')] },
  });
  t.deepEqual(parse('not(a.a=1)'), { kind: 'not', child: eq('a.a', '1') });
  t.deepEqual(parse('a.a=1 and(b.b=2)'), { kind: 'and', children: [eq('a.a', '1'), eq('b.b', '2')] });
  t.deepEqual(parse('a.a=1 or(b.b=2)'), { kind: 'or', children: [eq('a.a', '1'), eq('b.b', '2')] });
  t.deepEqual(parse('((a.a=1))'), eq('a.a', '1'));
});

test('a run of nots negates once, as in sysdig 0.29.3', (t) => {
  t.deepEqual(parse('not not a.a=1'), { kind: 'not', child: eq('a.a', '1') });
  t.deepEqual(parse('not not not a.a=1'), { kind: 'not', child: eq('a.a', '1') });
  t.deepEqual(parse('not not(a.a=1)'), { kind: 'not', child: eq('a.a', '1') });
  t.deepEqual(parse('not (not a.a=1)'), { kind: 'not', child: { kind: 'not', child: eq('a.a', '1') } });
});

test('every operator', (t) => {
  for (const op of ['=', '==', '!=', '<', '<=', '>', '>=']) {
    t.deepEqual(parse(`x.y${op}5`), { kind: 'binary', left: f('x.y'), op, right: v('5') }, op);
  }
  for (const op of ['contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex']) {
    t.deepEqual(parse(`x.y ${op} abc`), { kind: 'binary', left: f('x.y'), op, right: v('abc') }, op);
  }
  for (const op of ['in', 'intersects', 'pmatch']) {
    t.deepEqual(parse(`x.y ${op} (a, b)`), {
      kind: 'binary',
      left: f('x.y'),
      op,
      right: { kind: 'list', items: [v('a'), v('b')] },
    });
  }
  t.deepEqual(parse('x.y exists'), { kind: 'unary', left: f('x.y'), op: 'exists' });
  t.deepEqual(parse('x.y exists and z.w exists'), {
    kind: 'and',
    children: [
      { kind: 'unary', left: f('x.y'), op: 'exists' },
      { kind: 'unary', left: f('z.w'), op: 'exists' },
    ],
  });
});

test('word operators may touch a value that cannot continue the word', (t) => {
  t.deepEqual(parse('fd.name contains/etc'), { kind: 'binary', left: f('fd.name'), op: 'contains', right: v('/etc') });
  t.deepEqual(parse(`fd.name startswith"/a b"`), { kind: 'binary', left: f('fd.name'), op: 'startswith', right: v('/a b') });
  t.deepEqual(parse('evt.type in(open,close)'), {
    kind: 'binary',
    left: f('evt.type'),
    op: 'in',
    right: { kind: 'list', items: [v('open'), v('close')] },
  });
});

test('values: quoted, bare, with the characters sysdig 0.29.3 took', (t) => {
  t.deepEqual(parse(`evt.dir='>'`), eq('evt.dir', '>'));
  t.deepEqual(parse('evt.dir=<'), eq('evt.dir', '<'));
  t.deepEqual(parse('evt.args contains fd=3'), { kind: 'binary', left: f('evt.args'), op: 'contains', right: v('fd=3') });
  t.deepEqual(parse('fdlist.nums=3,4'), eq('fdlist.nums', '3,4'));
  t.deepEqual(parse(`evt.buffer contains don't`), { kind: 'binary', left: f('evt.buffer'), op: 'contains', right: v("don't") });
  t.deepEqual(parse('evt.res<-1'), { kind: 'binary', left: f('evt.res'), op: '<', right: v('-1') });
  t.deepEqual(parse(`proc.name=""`), eq('proc.name', ''));
  // sysdig 0.29.3 took a missing value at the end or before ')' as the empty string
  t.deepEqual(parse('proc.name='), eq('proc.name', ''));
  t.deepEqual(parse('fd.name contains '), { kind: 'binary', left: f('fd.name'), op: 'contains', right: v('') });
  t.deepEqual(parse('(proc.name= )'), eq('proc.name', ''));
  t.deepEqual(parse(`fd.name="a b\\tc"`), eq('fd.name', 'a b\\tc'));
  t.deepEqual(parse(`fd.name="a\\x2fb" or fd.name=a\\x2fc`), {
    kind: 'or',
    children: [eq('fd.name', 'a/b'), eq('fd.name', 'a/c')],
  });
});

test('lists: quoted items, empty lists, list macros', (t) => {
  t.deepEqual(parse(`evt.type in ( open , 'open at', "x,y" )`), {
    kind: 'binary',
    left: f('evt.type'),
    op: 'in',
    right: { kind: 'list', items: [v('open'), v('open at'), v('x,y')] },
  });
  t.deepEqual(parse('evt.type in ()'), { kind: 'binary', left: f('evt.type'), op: 'in', right: { kind: 'list', items: [] } });
  t.deepEqual(parse('proc.name in shell_binaries'), {
    kind: 'binary',
    left: f('proc.name'),
    op: 'in',
    right: v('shell_binaries'),
  });
});

test('operator modifiers', (t) => {
  t.deepEqual(parse('proc.name = anyof (a, b)'), {
    kind: 'binary',
    left: f('proc.name'),
    op: '=',
    modifier: 'anyof',
    right: { kind: 'list', items: [v('a'), v('b')] },
  });
  t.deepEqual(parse('fd.name startswith allof (/a, /b)'), {
    kind: 'binary',
    left: f('fd.name'),
    op: 'startswith',
    modifier: 'allof',
    right: { kind: 'list', items: [v('/a'), v('/b')] },
  });
  // no list after the word: it is the value
  t.deepEqual(parse('proc.name = oneof'), eq('proc.name', 'oneof'));
  t.deepEqual(parse('proc.name = oneof and x.y=1'), { kind: 'and', children: [eq('proc.name', 'oneof'), eq('x.y', '1')] });
});

test('field arguments', (t) => {
  t.deepEqual(parse('evt.arg[0]=3'), { kind: 'binary', left: f('evt.arg', '0', 'bracket'), op: '=', right: v('3') });
  t.deepEqual(parse(`proc.env["MY VAR"]=x`), { kind: 'binary', left: f('proc.env', 'MY VAR', 'bracket'), op: '=', right: v('x') });
  // without a registry a dotted argument stays in the name; the compiler splits it
  t.deepEqual(parse('evt.arg.fd=3'), eq('evt.arg.fd', '3'));
});

test('a field registry finds fields and their arguments', (t) => {
  const reg = new FakeRegistry([
    { name: 'evt.arg', type: PT.CHARBUF, flags: FieldFlag.ARG_REQUIRED },
    { name: 'evt.num', type: PT.UINT64 },
  ]);
  const scanField = reg.scan.bind(reg);
  t.deepEqual(strip(parseFilter('evt.arg.fd=3', { scanField })), {
    kind: 'binary',
    left: f('evt.arg', 'fd', 'dot'),
    op: '=',
    right: v('3'),
  });
  t.deepEqual(strip(parseFilter('evt.arg.1=3', { scanField })), {
    kind: 'binary',
    left: f('evt.arg', '1', 'dot'),
    op: '=',
    right: v('3'),
  });
  t.deepEqual(strip(parseFilter('evt.arg[2]=3', { scanField })), {
    kind: 'binary',
    left: f('evt.arg', '2', 'bracket'),
    op: '=',
    right: v('3'),
  });
  // a registry match inside a longer name is not taken
  t.deepEqual(strip(parseFilter('evt.numx=3', { scanField })), eq('evt.numx', '3'));
});

test('transformers and val()', (t) => {
  t.deepEqual(parse('tolower(proc.name) = curl'), {
    kind: 'binary',
    left: { kind: 'transformer', name: 'tolower', args: [f('proc.name')] },
    op: '=',
    right: v('curl'),
  });
  t.deepEqual(parse('len( evt.buffer ) > 10'), {
    kind: 'binary',
    left: { kind: 'transformer', name: 'len', args: [f('evt.buffer')] },
    op: '>',
    right: v('10'),
  });
  t.deepEqual(parse('proc.name = val(proc.pname)'), {
    kind: 'binary',
    left: f('proc.name'),
    op: '=',
    right: { kind: 'transformer', name: 'val', args: [f('proc.pname')] },
  });
  t.deepEqual(parse('fd.name startswith toupper(basename(proc.exe))'), {
    kind: 'binary',
    left: f('fd.name'),
    op: 'startswith',
    right: { kind: 'transformer', name: 'toupper', args: [{ kind: 'transformer', name: 'basename', args: [f('proc.exe')] }] },
  });
  t.deepEqual(parse(`concat(proc.name, "-", 3) = x`), {
    kind: 'binary',
    left: { kind: 'transformer', name: 'concat', args: [f('proc.name'), v('-'), v('3')] },
    op: '=',
    right: v('x'),
  });
  t.deepEqual(parse(`join(",", (proc.name, 'a'))[0] = x`), {
    kind: 'binary',
    left: {
      kind: 'transformer',
      name: 'join',
      args: [v(','), { kind: 'transformerList', items: [f('proc.name'), v('a')] }],
      arg: '0',
    },
    op: '=',
    right: v('x'),
  });
  t.deepEqual(parse('proc.name in val(proc.aname)'), {
    kind: 'binary',
    left: f('proc.name'),
    op: 'in',
    right: { kind: 'transformer', name: 'val', args: [f('proc.aname')] },
  });
});

test('identifiers parse as macro references', (t) => {
  t.deepEqual(parse('spawned_process and proc.name=sh'), {
    kind: 'and',
    children: [{ kind: 'identifier', name: 'spawned_process' }, eq('proc.name', 'sh')],
  });
});

test('a standalone operand', (t) => {
  t.deepEqual(strip(parseOperand(' tolower(fd.name) ')), { kind: 'transformer', name: 'tolower', args: [f('fd.name')] });
  t.throws(() => parseOperand('fd.name x'), { message: "filter error at position 8: unexpected 'x' after the field" });
});

const errors: [string, string][] = [
  ['', 'filter error at position 0: the filter is empty'],
  ['   ', 'filter error at position 3: the filter is empty'],
  ['fd.num= (', "filter error at position 8: expected a value after '=', found '('"],
  ['proc.name =anyof (a)', "filter error at position 17: unexpected '(a)': expected 'and', 'or' or the end of the filter"],
  ['(proc.name=curl', "filter error at position 15: unbalanced parentheses: '(' at position 0 is never closed"],
  ['proc.name=curl)', "filter error at position 14: unbalanced parentheses: ')' without a matching '('"],
  ['proc.name=curl xyz', "filter error at position 15: unexpected 'xyz': expected 'and', 'or' or the end of the filter"],
  ['proc.name=curl and', "filter error at position 18: unexpected end of filter after 'and'"],
  ['proc.name=curl or ', "filter error at position 18: unexpected end of filter: expected a field check, 'not' or '('"],
  ['proc.name=curl or', "filter error at position 17: unexpected end of filter after 'or'"],
  ['not', "filter error at position 3: unexpected end of filter after 'not'"],
  ['proc.name in (a b)', "filter error at position 16: expected ',' or ')' in the list, found 'b)'"],
  ['proc.name in (a,', "filter error at position 16: unexpected end of filter: expected a value in the list of 'in'"],
  ['proc.name in (a', "filter error at position 15: unbalanced parentheses: the list at position 13 is never closed"],
  ['proc.name in', "filter error at position 12: unexpected end of filter: expected a list '(...)' after 'in'"],
  ['evt.arg[0 x]=1', "filter error at position 10: expected ']' after the field argument, found 'x]=1'"],
  ['evt.arg[0', "filter error at position 9: unbalanced brackets: '[' at position 7 is never closed"],
  ['evt.arg[]=1', "filter error at position 8: expected a field argument after '[', found ']=1'"],
  ['tolower(proc.name = x', "filter error at position 18: expected ',' or ')' closing 'tolower(', found '='"],
  ['x.y = val(3)', "filter error at position 10: expected a field inside 'val(', found '3)'"],
  ['x.y = tolower()', "filter error at position 14: expected a field, a transformer, a quoted string, a number or a list as argument of 'tolower(', found ')'"],
  [`x.y = "abc`, 'filter error at position 6: unterminated quoted string starting with "'],
  ['= x', "filter error at position 0: expected a field check, 'not' or '(', found '='"],
  ['x.y=1 and (z.w=2', "filter error at position 16: unbalanced parentheses: '(' at position 10 is never closed"],
  ['x.y=1 and (z.w=2 x', "filter error at position 17: expected 'and', 'or' or ')', found 'x'"],
  ['x.y=1 orz.w=2', "filter error at position 6: unexpected 'orz.w=2': expected 'and', 'or' or the end of the filter"],
];

for (const [text, message] of errors) {
  test(`error: ${JSON.stringify(text)}`, (t) => {
    const e = t.throws(() => parseFilter(text), { instanceOf: FilterError });
    t.is(e?.message, message);
  });
}

test('unknown operators name what was found', (t) => {
  const e = t.throws(() => parseFilter('proc.name foo curl'), { instanceOf: FilterError });
  t.is(e?.position, 10);
  t.regex(e?.message ?? '', /^filter error at position 10: expected an operator: one of 'exists', '=', .*'pmatch', found 'foo'$/);
  const end = t.throws(() => parseFilter('proc.name'), { instanceOf: FilterError });
  t.regex(end?.message ?? '', /^filter error at position 9: unexpected end of filter: expected an operator: one of /);
});

test('deep nesting is refused, not a stack overflow', (t) => {
  const deep = '('.repeat(500) + 'a.b=1' + ')'.repeat(500);
  const e = t.throws(() => parseFilter(deep), { instanceOf: FilterError });
  t.regex(e?.message ?? '', /nested deeper than 200 levels/);
  t.notThrows(() => parseFilter('('.repeat(150) + 'a.b=1' + ')'.repeat(150)));
});
