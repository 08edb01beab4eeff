import test from 'ava';
import { FdFlag, FdType, L4Proto } from '../../sinsp/state/fd.js';
import { loadMetadata } from '../../sinsp/state/load.js';
import { State } from '../../sinsp/state/state.js';
import { ThreadFlag } from '../../sinsp/state/thread.js';
import { capturedFd, capturedThread, ip4, metadata } from '../helpers/records.js';

test('the process list becomes the thread table, with cwd, env and fds', (t) => {
  const st = new State();
  loadMetadata(
    st,
    metadata({
      threads: [
        capturedThread({ tid: 1, comm: 'init', cwd: '/', env: ['A=1', ''] }),
        capturedThread({ tid: 50, ptid: 1, comm: 'srv', cwd: '/srv/', fds: [capturedFd({ fd: 0, type: FdType.FILE, name: '/dev/null' })] }),
        capturedThread({ tid: 51, pid: 50, ptid: 1, comm: 'srv', flags: ThreadFlag.CLONE_THREAD | ThreadFlag.CLONE_FILES }),
      ],
      users: [{ uid: 0, gid: 0, name: 'root', homedir: '/root', shell: '/bin/sh' }],
      groups: [{ gid: 0, name: 'root' }],
    }),
  );
  t.is(st.threads.size, 3);
  t.deepEqual(st.thread(1)!.env, ['A=1']);
  t.is(st.thread(1)!.cwd, '/');
  t.is(st.thread(50)!.cwd, '/srv/');
  t.is(st.thread(50)!.nchilds, 1);
  t.is(st.thread(51)!.getFd(0)!.name, '/dev/null');
  t.truthy(st.thread(51)!.getFd(0)!.flags & FdFlag.FROM_PROC);
  t.truthy(st.thread(51)!.getFd(0)!.flags & FdFlag.IS_TRACER_FILE);
  t.is(st.user(0)!.name, 'root');
  t.is(st.group(0)!.name, 'root');
});

test('sockets from the fd lists: connections to a listening port are the server side', (t) => {
  const st = new State();
  loadMetadata(
    st,
    metadata({
      threads: [
        capturedThread({
          tid: 7,
          fds: [
            capturedFd({ fd: 3, type: FdType.IPV4_SERVSOCK, sip: 0, sport: 80, l4proto: L4Proto.TCP }),
            capturedFd({ fd: 4, type: FdType.IPV4_SOCK, sip: ip4('10.0.0.3'), sport: 80, dip: ip4('10.0.0.9'), dport: 5555, l4proto: L4Proto.TCP }),
            capturedFd({ fd: 5, type: FdType.IPV4_SOCK, sip: ip4('10.0.0.3'), sport: 6000, dip: ip4('1.1.1.1'), dport: 443, l4proto: L4Proto.TCP }),
            capturedFd({ fd: 6, type: FdType.UNIX_SOCK, name: '/run/s', unixSource: 1n, unixDest: 2n }),
          ],
        }),
      ],
    }),
  );
  const th = st.thread(7)!;
  t.is(th.getFd(3)!.name, '0.0.0.0:80');
  const srv = th.getFd(4)!;
  t.is(srv.name, '10.0.0.9:5555->10.0.0.3:80');
  t.true(srv.isServerRole);
  t.true(srv.isConnected);
  t.true(th.getFd(5)!.isClientRole);
  t.true(th.getFd(6)!.isServerRole);
  t.is(th.getFd(6)!.unixDest, 2n);
});

test('a thread whose process is not listed gets a placeholder main thread', (t) => {
  const st = new State();
  loadMetadata(st, metadata({ threads: [capturedThread({ tid: 61, pid: 60, flags: ThreadFlag.CLONE_THREAD })] }));
  t.is(st.thread(60)!.comm, '<NA>');
  // libsinsp counts the thread twice: once when making the placeholder, once after
  t.is(st.thread(60)!.nchilds, 2);
});
