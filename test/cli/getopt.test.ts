import test from 'ava';
import { getoptLong, GetoptError, type LongOption } from '../../sinsp/cli/getopt.js';

const LONGS: LongOption[] = [
  { name: 'summary', hasArg: 0, key: 'S' },
  { name: 'snaplen', hasArg: 1, key: 's' },
  { name: 'bpf', hasArg: 2, key: 'B' },
  { name: 'list', hasArg: 0, key: 'l' },
  { name: 'list-events', hasArg: 0, key: 'L' },
];
const SPEC = 'SB::s:p:qlLc:';

const keys = (argv: string[]) => getoptLong(argv, SPEC, LONGS).options.map((o) => [o.key, o.value]);

test('bundled short options and attached values', (t) => {
  t.deepEqual(keys(['-qS']), [['q', undefined], ['S', undefined]]);
  t.deepEqual(keys(['-s200']), [['s', '200']]);
  t.deepEqual(keys(['-s', '200']), [['s', '200']]);
  t.deepEqual(keys(['-pc']), [['p', 'c']]);
  t.deepEqual(keys(['-qs', '10']), [['q', undefined], ['s', '10']]);
});

test('optional values must be attached', (t) => {
  t.deepEqual(keys(['-B']), [['B', undefined]]);
  t.deepEqual(keys(['-B/probe.o']), [['B', '/probe.o']]);
  t.deepEqual(keys(['--bpf=/p.o']), [['B', '/p.o']]);
  const r = getoptLong(['--bpf', 'x'], SPEC, LONGS);
  t.deepEqual(r.operands, ['x']);
});

test('long options: exact, =value, separate value and unambiguous prefixes', (t) => {
  t.deepEqual(keys(['--summary']), [['S', undefined]]);
  t.deepEqual(keys(['--snaplen=5']), [['s', '5']]);
  t.deepEqual(keys(['--snaplen', '5']), [['s', '5']]);
  t.deepEqual(keys(['--sum']), [['S', undefined]]);
  t.deepEqual(keys(['--list']), [['l', undefined]]);
  t.throws(() => keys(['--s']), { instanceOf: GetoptError, message: "option '--s' is ambiguous" });
  t.throws(() => keys(['--nope']), { instanceOf: GetoptError, message: "unrecognized option '--nope'" });
  t.throws(() => keys(['--summary=1']), { instanceOf: GetoptError });
});

test('operands are collected in order wherever they appear; -- ends options', (t) => {
  const r = getoptLong(['proc.name=cat', '-q', 'and', '-s', '9', 'fd.num=1', '--', '-S'], SPEC, LONGS);
  t.deepEqual(r.operands, ['proc.name=cat', 'and', 'fd.num=1', '-S']);
  t.deepEqual(
    r.options.map((o) => o.key),
    ['q', 's'],
  );
});

test('errors for unknown letters and missing values', (t) => {
  t.throws(() => keys(['-Z']), { message: "invalid option -- 'Z'" });
  t.throws(() => keys(['-s']), { message: "option requires an argument -- 's'" });
  t.throws(() => keys(['--snaplen']), { message: "option '--snaplen' requires an argument" });
});

test('the option callback sees where the words after an option start', (t) => {
  const seen: number[] = [];
  getoptLong(['-c', 'spy', 'arg1', '-q'], SPEC, LONGS, (o) => {
    if (o.key === 'c') seen.push(o.next);
  });
  t.deepEqual(seen, [2]);
});
