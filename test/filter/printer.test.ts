import test from 'ava';
import type { BoolNode } from '../../sinsp/filter/ast.js';
import { parseFilter } from '../../sinsp/filter/parser.js';
import { printFilter, quoteString } from '../../sinsp/filter/printer.js';
import { strip } from './helpers.js';

const canonical: [string, string][] = [
  ['proc.name=curl', 'proc.name = curl'],
  ['proc.name==curl', 'proc.name == curl'],
  ["evt.dir='>' and evt.type=read", 'evt.dir = > and evt.type = read'],
  ['not evt.type=switch', 'not evt.type = switch'],
  ['evt.type=read and (fd.type=file or fd.type=ipv4)', 'evt.type = read and (fd.type = file or fd.type = ipv4)'],
  ['a.a=1 or b.b=2 and c.c=3', 'a.a = 1 or (b.b = 2 and c.c = 3)'],
  ['(a.a=1 and b.b=2) or c.c=3', '(a.a = 1 and b.b = 2) or c.c = 3'],
  ['not (a.a=1 or b.b=2)', 'not (a.a = 1 or b.b = 2)'],
  ['not(a.a=1)', 'not a.a = 1'],
  ['fd.name pmatch (/etc,/lib)', 'fd.name pmatch (/etc, /lib)'],
  ['evt.type in ()', 'evt.type in ()'],
  ['proc.name in shell_binaries', 'proc.name in shell_binaries'],
  ["fd.name glob '/etc/*'", 'fd.name glob /etc/*'],
  ['fd.name exists', 'fd.name exists'],
  ['evt.arg[0] contains "x y"', 'evt.arg[0] contains "x y"'],
  [`proc.env["MY VAR"]=1`, 'proc.env["MY VAR"] = 1'],
  ['proc.name = anyof (a,b)', 'proc.name = anyof (a, b)'],
  ['tolower(proc.name)=val(proc.pname)', 'tolower(proc.name) = val(proc.pname)'],
  [`concat(proc.name,"-",0x10)=x`, 'concat(proc.name, "-", 0x10) = x'],
  [`join(",",(proc.name,'a'))[0]=x`, 'join(",", (proc.name, "a"))[0] = x'],
  ['evt.res<-1', 'evt.res < -1'],
  [`proc.name=""`, 'proc.name = ""'],
  [`proc.name='a "b"'`, `proc.name = "a \\"b\\""`],
  [`evt.args contains fd=3`, `evt.args contains "fd=3"`],
  [`evt.buffer contains "\\xe9t\\xe9"`, `evt.buffer contains "\\xe9t\\xe9"`],
  [`proc.name="tab\\there"`, 'proc.name = "tab\\\\there"'],
  [`fd.name contains \\x2fetc`, 'fd.name contains \\x2fetc'],
  [`fd.name in ("a,b", 'c d', e)`, 'fd.name in ("a,b", "c d", e)'],
  [`proc.name="oneof"`, 'proc.name = "oneof"'],
  ['spawned_process and proc.name=sh', 'spawned_process and proc.name = sh'],
];

for (const [input, expected] of canonical) {
  test(`canonical text of ${JSON.stringify(input)}`, (t) => {
    const printed = printFilter(parseFilter(input));
    t.is(printed, expected);
    t.deepEqual(strip(parseFilter(printed)), strip(parseFilter(input)), 'parsing the output gives the same tree');
  });
}

test('nested not keeps its parentheses', (t) => {
  const ast = parseFilter('not (not a.a=1)');
  t.is(printFilter(ast), 'not (not a.a = 1)');
  t.deepEqual(strip(parseFilter(printFilter(ast))), strip(ast));
});

test('hand-built trees print parseable text', (t) => {
  const loc = { start: 0, end: 0 };
  const field = { kind: 'field' as const, name: 'proc.name', loc };
  const value = (s: string) => ({ kind: 'value' as const, value: s, raw: s, loc });
  const check = (s: string): BoolNode => ({ kind: 'binary', left: field, op: '=', right: value(s), opLoc: loc, loc });
  const cases: [BoolNode, string][] = [
    [check('a b'), 'proc.name = "a b"'],
    [check("it's"), `proc.name = "it's"`],
    [check('(x)'), 'proc.name = "(x)"'],
    [check('\x01\\'), 'proc.name = "\\x01\\\\"'],
    [{ kind: 'or', children: [{ kind: 'or', children: [check('a'), check('b')], loc }, check('c')], loc }, '(proc.name = a or proc.name = b) or proc.name = c'],
    [{ kind: 'and', children: [{ kind: 'and', children: [check('a'), check('b')], loc }, check('c')], loc }, '(proc.name = a and proc.name = b) and proc.name = c'],
    [
      { kind: 'binary', left: field, op: 'in', right: value('not a list name'), opLoc: loc, loc },
      'proc.name in ("not a list name")',
    ],
    [{ kind: 'binary', left: { kind: 'field', name: 'evt.arg', arg: 'fd', argStyle: 'dot', loc }, op: '=', right: value('3'), opLoc: loc, loc }, 'evt.arg.fd = 3'],
    [{ kind: 'binary', left: { kind: 'field', name: 'proc.env', arg: 'a]b', argStyle: 'bracket', loc }, op: '=', right: value('3'), opLoc: loc, loc }, 'proc.env["a]b"] = 3'],
  ];
  for (const [ast, text] of cases) {
    t.is(printFilter(ast), text);
    t.notThrows(() => parseFilter(text));
  }
  // the tree shape survives except that a lone value after `in` becomes a one-item list
  t.deepEqual(strip(parseFilter(printFilter(cases[4]![0]))), strip(cases[4]![0]));
  t.deepEqual(strip(parseFilter(printFilter(cases[0]![0]))), strip(cases[0]![0]));
});

test('quoteString escapes what the lexer unescapes', (t) => {
  t.is(quoteString('plain'), '"plain"');
  t.is(quoteString('a"b\\c\n\r\t\x7f'), '"a\\"b\\\\c\\x0a\\x0d\\x09\\x7f"');
  for (const s of ['', ' ', 'a"b', "a'b", '\\', '\\x41', '\\n', 'tab\there', 'é ü', '(,)']) {
    const ast = parseFilter(`x.y = ${quoteString(s)}`);
    if (ast.kind !== 'binary' || ast.right.kind !== 'value') throw new Error('expected a value');
    t.is(ast.right.value, s);
  }
});
