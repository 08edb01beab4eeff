import test from 'ava';
import { parseInspectArgs, UsageError, DEFAULT_FORMAT, CONTAINER_FORMAT, KUBERNETES_FORMAT, MESOS_FORMAT } from '../../sinsp/cli/options.js';

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

test('named formats: -pk/-pkubernetes and -pm/-pmesos as sysdig spells them; chisels then print container data', (t) => {
  t.is(parseInspectArgs(['-pk']).format, KUBERNETES_FORMAT);
  t.is(parseInspectArgs(['-pkubernetes']).format, KUBERNETES_FORMAT);
  t.is(parseInspectArgs(['-pm']).format, MESOS_FORMAT);
  t.is(parseInspectArgs(['-pmesos']).format, MESOS_FORMAT);
  t.is(KUBERNETES_FORMAT, CONTAINER_FORMAT.replace('%container.name', '%k8s.pod.name'));
  t.is(MESOS_FORMAT, CONTAINER_FORMAT.replace('%container.name', '%mesos.task.name'));
  for (const named of ['-pc', '-pk', '-pm']) {
    const o = parseInspectArgs([named]);
    t.false(o.customFormat, named);
    t.true(o.printContainerData, named);
  }
  t.false(parseInspectArgs(['-p', '%evt.num']).printContainerData);
  t.false(parseInspectArgs([]).printContainerData);
  // a later -p replaces the format, not what chisels were told
  const later = parseInspectArgs(['-pk', '-p', '%evt.num']);
  t.is(later.format, '%evt.num');
  t.true(later.printContainerData);
  // anything else is a format of its own
  t.is(parseInspectArgs(['-pkx']).format, 'kx');
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
