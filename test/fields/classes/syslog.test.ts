import test from 'ava';
import { decodeSyslog, syslogFields } from '../../../sinsp/fields/classes/syslog.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { FdInfo, FdType } from '../../../sinsp/state/fd.js';
import { State } from '../../../sinsp/state/state.js';
import { addThread, context, i64, json, makeEvent, text, value } from '../helpers.js';

const S = syslogFields;

function setup(name = '0->ffff9 /dev/log') {
  const state = new State();
  const th = addThread(state, { tid: 60 });
  const fd = new FdInfo();
  Object.assign(fd, { fd: 3, type: FdType.UNIX_SOCK, name });
  th.fdTable.set(fd);
  const write = (data: string, res = data.length, type: number = PPME.SOCKET_SENDTO_X) =>
    makeEvent({ type, params: [i64(res), Buffer.from(data, 'latin1'), Buffer.alloc(0)] }, th, fd);
  return { ctx: context(state), th, fd, write };
}

test('a message written to /dev/log', (t) => {
  const { ctx, write } = setup();
  const ev = write('<30>Nov 25 10:00:00 sshd[12]: accepted');
  t.is(text(S, ctx, 'syslog.facility.str', ev), 'daemon');
  t.is(value(S, ctx, 'syslog.facility', ev), 3);
  t.is(text(S, ctx, 'syslog.severity.str', ev), 'info');
  t.is(value(S, ctx, 'syslog.severity', ev), 6);
  t.is(text(S, ctx, 'syslog.message', ev), 'Nov 25 10:00:00 sshd[12]: accepted');
  t.is(json(S, ctx, 'syslog.severity', ev), '6');
  t.is(json(S, ctx, 'syslog.message', ev), '"Nov 25 10:00:00 sshd[12]: accepted"');
  const local7 = write('<191>x', 6, PPME.SYSCALL_WRITE_X);
  t.is(text(S, ctx, 'syslog.facility.str', local7), 'local7');
  t.is(text(S, ctx, 'syslog.severity.str', local7), 'debug');
  t.is(text(S, ctx, 'syslog.message', local7), 'x');
});

test('facilities past local7 have no name', (t) => {
  const { ctx, write } = setup();
  const ev = write('<200>m');
  t.is(value(S, ctx, 'syslog.facility', ev), 25);
  t.is(text(S, ctx, 'syslog.facility.str', ev), '<NA>');
});

test('what is not a syslog message', (t) => {
  const { ctx, write, th, fd } = setup();
  t.is(value(S, ctx, 'syslog.message', write('<3a>bad')), undefined);
  t.is(value(S, ctx, 'syslog.message', write('<>x')), undefined);
  t.is(value(S, ctx, 'syslog.message', write('<1')), undefined);
  t.is(value(S, ctx, 'syslog.message', write('<13>hi', -32)), undefined);
  // reads, enter events, other fds
  t.is(value(S, ctx, 'syslog.message', write('<13>hi', 5, PPME.SYSCALL_READ_X)), undefined);
  t.is(value(S, ctx, 'syslog.message', makeEvent({ type: PPME.SYSCALL_WRITE_E, params: [i64(3)] }, th, fd)), undefined);
  const other = setup('/tmp/log').write('<13>hi');
  t.is(value(S, ctx, 'syslog.message', other), undefined);
});

test('the decoder takes the digits after the first byte, whatever it is', (t) => {
  t.deepEqual(decodeSyslog(Buffer.from('x13>m')), { priority: 13, facility: 1, severity: 5, message: 'm' });
  t.deepEqual(decodeSyslog(Buffer.from('<13>')), { priority: 13, facility: 1, severity: 5, message: '' });
  t.is(decodeSyslog(Buffer.from('<13')), undefined);
});
