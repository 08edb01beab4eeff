import test from 'ava';
import { parseInspectArgs, UsageError, DEFAULT_FORMAT, CONTAINER_FORMAT } from '../../sinsp/cli/options.js';

test('defaults', (t) => {
  const o = parseInspectArgs(['-r', 'x.scap']);
  t.deepEqual(o.readFiles, ['x.scap']);
  t.is(o.format, DEFAULT_FORMAT);
  t.is(o.timeMode, 'h');
  t.is(o.bufferFormat, 'normal');
  t.false(o.quiet);
});

test('print formats: -p custom, -pc, -pp', (t) => {
  t.is(parseInspectArgs(['-p', '%evt.num']).format, '%evt.num');
  t.true(parseInspectArgs(['-p', '%evt.num']).customFormat);
  t.is(parseInspectArgs(['-pc']).format, CONTAINER_FORMAT);
  t.is(parseInspectArgs(['-pcontainer']).format, CONTAINER_FORMAT);
  t.true(parseInspectArgs(['-pp']).printFormat);
});

test('buffer formats are exclusive', (t) => {
  t.is(parseInspectArgs(['-A']).bufferFormat, 'ascii');
  t.is(parseInspectArgs(['-X']).bufferFormat, 'hexascii');
  t.throws(() => parseInspectArgs(['-A', '-x']), { instanceOf: UsageError, message: 'you cannot specify more than one output format' });
});

test('-w implies -q; -n must be a positive number; -t takes h a r d D', (t) => {
  const o = parseInspectArgs(['-w', 'out.scap']);
  t.true(o.quiet);
  t.is(o.writeFile, 'out.scap');
  t.is(parseInspectArgs(['-n', '2000']).count, 2000);
  t.throws(() => parseInspectArgs(['-n', 'abc']), { message: "can't parse the -n argument, make sure it's a number" });
  t.throws(() => parseInspectArgs(['-n', '0']), { message: 'invalid event count 0' });
  t.is(parseInspectArgs(['-t', 'D']).timeMode, 'D');
  t.throws(() => parseInspectArgs(['-t', 'x']), { message: 'invalid modifier for flag -t' });
});

test('chisels: -c records the name and where its arguments start; -cl lists', (t) => {
  const o = parseInspectArgs(['-r', 't.scap', '-c', 'fdbytes_by', 'fd.name', 'proc.name=cat']);
  t.deepEqual(o.chisels.map((c) => [c.name, c.argvNext]), [['fdbytes_by', 4]]);
  t.deepEqual(o.operands, ['fd.name', 'proc.name=cat']);
  t.true(parseInspectArgs(['-cl']).listChisels);
});

test('live capture switches', (t) => {
  t.is(parseInspectArgs(['--bpf']).live, 'bpf');
  t.is(parseInspectArgs(['-B']).live, 'bpf');
  t.is(parseInspectArgs(['--modern-bpf']).live, 'bpf');
  t.is(parseInspectArgs(['--kmod']).live, 'kmod');
});
