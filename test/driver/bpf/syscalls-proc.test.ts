// Dedicated exit events of process, credential, memory and IPC syscalls: each
// made with known arguments by a python workload, each parameter checked.
// Root only (eBPF probe).
import test from 'ava';
import { PPM, PPME } from '../../../sinsp/generated/schema.js';
import { isRoot, s32, s64, str, u16, u32, u64, u8 } from '../../capture/live-harness.js';
import { flag, ofType, param as p, startWorkload } from './workload.js';

const s16 = (b: Buffer | undefined): number => (b && b.length === 2 ? b.readInt16LE(0) : NaN);

const rootTest = isRoot() ? test.serial : test.skip;
if (!isRoot()) console.log('eBPF probe tests skipped: they need root');

const WORKLOAD = `
import resource
u = [ctypes.c_uint(7), ctypes.c_uint(7), ctypes.c_uint(7)]
report('getuid', sc('getuid'))
report('geteuid', sc('geteuid'))
report('getgid', sc('getgid'))
report('getegid', sc('getegid'))
report('getresuid', sc('getresuid', *[ctypes.byref(x) for x in u]))
report('resuid', [x.value for x in u])
g = [ctypes.c_uint(7), ctypes.c_uint(7), ctypes.c_uint(7)]
report('getresgid', sc('getresgid', *[ctypes.byref(x) for x in g]))
report('resgid', [x.value for x in g])
report('setuid', sc('setuid', 0))
report('setgid', sc('setgid', 0))
report('setreuid', sc('setreuid', -1, 0))
report('setregid', sc('setregid', 0, -1))
report('setresuid', sc('setresuid', -1, 0, -1))
report('setresgid', sc('setresgid', 0, -1, -1))
report('setsid', sc('setsid'))
report('setpgid', sc('setpgid', 0, 0))
hdr = struct.pack('Ii', 0x20080522, 0)
capdata = buf(24)
report('capget', sc('capget', cstr(hdr), capdata))
report('capset', sc('capset', cstr(hdr), capdata))
lo0, pe0, in0, lo1, pe1, in1 = struct.unpack('6I', capdata.raw[:24])
report('caps', [str(in0 | (in1 << 32)), str(pe0 | (pe1 << 32)), str(lo0 | (lo1 << 32))])
report('set_name', sc('prctl', 15, b'sx-proc', 0, 0, 0))
nm = buf(16)
report('get_name', sc('prctl', 16, nm, 0, 0, 0))
report('set_subreaper', sc('prctl', 36, 1, 0, 0, 0))
v = ctypes.c_int(0)
report('get_subreaper', sc('prctl', 37, ctypes.byref(v), 0, 0, 0))
report('subreaper', v.value)
rl = buf(16)
report('getrlimit', sc('getrlimit', 7, rl))
report('nofile', [str(x) for x in struct.unpack('qq', rl.raw)])
cur, mx = resource.getrlimit(resource.RLIMIT_CORE)
report('setrlimit', sc('setrlimit', 4, cstr(struct.pack('qq', 0, mx))))
report('core_max', str(mx))
old = buf(16)
report('prlimit64', sc('prlimit64', 0, 7, 0, old))
report('prlimit_old', [str(x) for x in struct.unpack('qq', old.raw)])
report('ptrace', sc('ptrace', 2, 1, 0x1000, 0))
report('unshare', sc('unshare', 0x04000000))
ns = os.open('/proc/self/ns/uts', os.O_RDONLY)
report('nsfd', ns)
report('setns', sc('setns', ns, 0x04000000))
src = cstr(b'abcdefgh')
dst = buf(8)
liov = cstr(struct.pack('QQ', addr(dst), 8))
riov = cstr(struct.pack('QQ', addr(src), 8))
report('process_vm_readv', sc('process_vm_readv', os.getpid(), liov, 1, riov, 1, 0))
wsrc = cstr(b'ijkl')
wdst = buf(4)
liov2 = cstr(struct.pack('QQ', addr(wsrc), 4))
riov2 = cstr(struct.pack('QQ', addr(wdst), 4))
report('process_vm_writev', sc('process_vm_writev', os.getpid(), liov2, 1, riov2, 1, 0))
action = ctypes.c_uint(0x7fff0000)
report('seccomp', sc('seccomp', 2, 0, ctypes.byref(action)))
img = cstr(b'\x7fELFnotamodule!')
report('init_module', sc('init_module', img, 16, b'a=1'))
mfd = os.open('/proc/self/exe', os.O_RDONLY)
report('mfd', mfd)
report('finit_module', sc('finit_module', mfd, b'b=2', 2))
report('delete_module', sc('delete_module', b'sx_no_such_module', 0o4000))
report('keyctl_id', sc('keyctl', 0, -2, 0))
report('keyctl_join', sc('keyctl', 1, b'sx-ring'))
fut = ctypes.c_int(0)
report('futex', sc('futex', ctypes.byref(fut), 1 | 128, 1, 0, 0, 0))
report('futex_addr', ctypes.addressof(fut))
report('nanosleep', sc('nanosleep', cstr(struct.pack('qq', 0, 1000000)), 0))
libc.mmap.restype = ctypes.c_void_p
page = libc.mmap(None, ctypes.c_size_t(8192), 3, 0x22, -1, ctypes.c_long(0))
report('page', page)
report('mprotect', sc('mprotect', page, 4096, 1))
report('mlock', sc('mlock', page, 4096))
report('munlock', sc('munlock', page, 4096))
report('mlock2', sc('mlock2', page + 4096, 4096, 1))
report('mlockall', sc('mlockall', 2))
report('munlockall', sc('munlockall'))
semid = sc('semget', 0, 1, 0o1000 | 0o600)
report('semget', semid)
report('semctl_set', sc('semctl', semid, 0, 16, 3))
ops = cstr(struct.pack('Hhh', 0, -1, 0o4000) + struct.pack('Hhh', 0, 1, 0x1000))
report('semop', sc('semop', semid, ops, 2))
report('semctl_rm', sc('semctl', semid, 0, 0, 0))
`;

const SYSCALLS = [
  'getuid', 'geteuid', 'getgid', 'getegid', 'getresuid', 'getresgid', 'setuid', 'setgid', 'setreuid',
  'setregid', 'setresuid', 'setresgid', 'setsid', 'setpgid', 'capset', 'prctl', 'getrlimit', 'setrlimit',
  'prlimit64', 'ptrace', 'unshare', 'setns', 'process_vm_readv', 'process_vm_writev', 'seccomp',
  'init_module', 'finit_module', 'delete_module', 'keyctl', 'futex', 'nanosleep', 'mprotect', 'mlock',
  'munlock', 'mlock2', 'mlockall', 'munlockall', 'semget', 'semop', 'semctl',
];

const { finished, find } = startWorkload(WORKLOAD, SYSCALLS);

const U32_MINUS_1 = 0xffffffff;

rootTest('no drops', async (t) => {
  const run = await finished();
  t.is(run.drops, 0);
});

rootTest('getuid, geteuid, getgid, getegid: the id is the result', async (t) => {
  for (const [type, name, key] of [
    [PPME.SYSCALL_GETUID_X, 'uid', 'getuid'],
    [PPME.SYSCALL_GETEUID_X, 'euid', 'geteuid'],
    [PPME.SYSCALL_GETGID_X, 'gid', 'getgid'],
    [PPME.SYSCALL_GETEGID_X, 'egid', 'getegid'],
  ] as const) {
    const { e, out } = await find(type);
    t.is(u32(p(e, name)), out[key], name);
  }
});

rootTest('getresuid, getresgid: the ids the kernel stored', async (t) => {
  const u = await find(PPME.SYSCALL_GETRESUID_X);
  t.is(s64(p(u.e, 'res')), 0);
  t.deepEqual([u32(p(u.e, 'ruid')), u32(p(u.e, 'euid')), u32(p(u.e, 'suid'))], u.out.resuid);
  const g = await find(PPME.SYSCALL_GETRESGID_X);
  t.deepEqual([u32(p(g.e, 'rgid')), u32(p(g.e, 'egid')), u32(p(g.e, 'sgid'))], g.out.resgid);
});

rootTest('setuid family: the ids asked for (-1 kept as is)', async (t) => {
  const su = await find(PPME.SYSCALL_SETUID_X);
  t.deepEqual([s64(p(su.e, 'res')), u32(p(su.e, 'uid'))], [0, 0]);
  const sg = await find(PPME.SYSCALL_SETGID_X);
  t.deepEqual([s64(p(sg.e, 'res')), u32(p(sg.e, 'gid'))], [0, 0]);
  const ru = await find(PPME.SYSCALL_SETREUID_X);
  t.deepEqual([u32(p(ru.e, 'ruid')), u32(p(ru.e, 'euid'))], [U32_MINUS_1, 0]);
  const rg = await find(PPME.SYSCALL_SETREGID_X);
  t.deepEqual([u32(p(rg.e, 'rgid')), u32(p(rg.e, 'egid'))], [0, U32_MINUS_1]);
  const rsu = await find(PPME.SYSCALL_SETRESUID_X);
  t.deepEqual([u32(p(rsu.e, 'ruid')), u32(p(rsu.e, 'euid')), u32(p(rsu.e, 'suid'))], [U32_MINUS_1, 0, U32_MINUS_1]);
  const rsg = await find(PPME.SYSCALL_SETRESGID_X);
  t.deepEqual([u32(p(rsg.e, 'rgid')), u32(p(rsg.e, 'egid')), u32(p(rsg.e, 'sgid'))], [0, U32_MINUS_1, U32_MINUS_1]);
});

rootTest('setsid, setpgid', async (t) => {
  const ss = await find(PPME.SYSCALL_SETSID_X);
  t.is(s64(p(ss.e, 'res')), ss.out.setsid);
  t.is(ss.out.setsid, (await finished()).pid, 'the new session id is the pid');
  const pg = await find(PPME.SYSCALL_SETPGID_X);
  t.is(s64(p(pg.e, 'res')), pg.out.setpgid);
  t.deepEqual([s64(p(pg.e, 'pid')), s64(p(pg.e, 'pgid'))], [0, 0]);
});

rootTest('capset: the capability sets after the call', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_CAPSET_X);
  t.is(s64(p(e, 'res')), out.capset);
  t.deepEqual(
    [u64(p(e, 'cap_inheritable')), u64(p(e, 'cap_permitted')), u64(p(e, 'cap_effective'))],
    out.caps.map((c: string) => BigInt(c)),
  );
});

rootTest('prctl: names as strings, other arguments as numbers', async (t) => {
  const set = await find(PPME.SYSCALL_PRCTL_X, (e) => u32(p(e, 'option')) === flag('prctl_options', 'PR_SET_NAME'));
  t.is(s64(p(set.e, 'res')), 0);
  t.is(str(p(set.e, 'arg2_str')), 'sx-proc');
  t.is(s64(p(set.e, 'arg2_int')), 0);
  const get = await find(PPME.SYSCALL_PRCTL_X, (e) => u32(p(e, 'option')) === flag('prctl_options', 'PR_GET_NAME'));
  t.is(str(get.e.params.get('arg2_str')), 'sx-proc', 'the name the kernel stored');
  const setr = await find(PPME.SYSCALL_PRCTL_X, (e) => u32(p(e, 'option')) === flag('prctl_options', 'PR_SET_CHILD_SUBREAPER'));
  t.is(p(setr.e, 'arg2_str')!.length, 0);
  t.is(s64(p(setr.e, 'arg2_int')), 1);
  const getr = await find(PPME.SYSCALL_PRCTL_X, (e) => u32(p(e, 'option')) === flag('prctl_options', 'PR_GET_CHILD_SUBREAPER'));
  t.is(s64(p(getr.e, 'arg2_int')), getr.out.subreaper, 'the value the kernel stored');
});

rootTest('getrlimit, setrlimit, prlimit64', async (t) => {
  const g = await find(PPME.SYSCALL_GETRLIMIT_X, (e) => u8(p(e, 'resource')) === PPM.RLIMIT_NOFILE);
  t.is(s64(p(g.e, 'res')), 0);
  t.deepEqual([String(s64(p(g.e, 'cur'))), String(s64(p(g.e, 'max')))], g.out.nofile);
  const s = await find(PPME.SYSCALL_SETRLIMIT_X, (e) => u8(p(e, 'resource')) === PPM.RLIMIT_CORE);
  t.is(s64(p(s.e, 'res')), s.out.setrlimit);
  t.is(s64(p(s.e, 'cur')), 0);
  t.is(String(s64(p(s.e, 'max'))), s.out.core_max);
  const pl = await find(PPME.SYSCALL_PRLIMIT_X, (e) => u8(p(e, 'resource')) === PPM.RLIMIT_NOFILE);
  t.is(s64(p(pl.e, 'res')), 0);
  t.is(s64(p(pl.e, 'pid')), 0);
  t.deepEqual([s64(p(pl.e, 'newcur')), s64(p(pl.e, 'newmax'))], [0, 0], 'no new limit');
  t.deepEqual([String(s64(p(pl.e, 'oldcur'))), String(s64(p(pl.e, 'oldmax')))], pl.out.prlimit_old);
});

rootTest('ptrace: request and pid; addr/data are 0 when it failed', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_PTRACE_X);
  t.is(s64(p(e, 'res')), out.ptrace);
  t.is(u16(p(e, 'request')), PPM.PTRACE_PEEKDATA);
  t.is(s64(p(e, 'pid')), 1);
  t.deepEqual([...p(e, 'addr')!], [PPM.PTRACE_IDX_UINT64, 0, 0, 0, 0, 0, 0, 0, 0]);
  t.deepEqual([...p(e, 'data')!], [PPM.PTRACE_IDX_UINT64, 0, 0, 0, 0, 0, 0, 0, 0]);
});

rootTest('unshare, setns: namespace flags', async (t) => {
  const u = await find(PPME.SYSCALL_UNSHARE_X);
  t.is(s64(p(u.e, 'res')), u.out.unshare);
  t.is(u32(p(u.e, 'flags')), PPM.CL_CLONE_NEWUTS);
  const n = await find(PPME.SYSCALL_SETNS_X);
  t.is(s64(p(n.e, 'res')), n.out.setns);
  t.is(s64(p(n.e, 'fd')), n.out.nsfd);
  t.is(u32(p(n.e, 'nstype')), PPM.CL_CLONE_NEWUTS);
});

rootTest('process_vm_readv, process_vm_writev: the bytes moved', async (t) => {
  const r = await find(PPME.SYSCALL_PROCESS_VM_READV_X);
  t.is(s64(p(r.e, 'res')), 8);
  t.is(s64(p(r.e, 'pid')), (await finished()).pid);
  t.is(p(r.e, 'data')!.toString(), 'abcdefgh');
  const w = await find(PPME.SYSCALL_PROCESS_VM_WRITEV_X);
  t.is(s64(p(w.e, 'res')), 4);
  t.is(p(w.e, 'data')!.toString(), 'ijkl');
});

rootTest('seccomp: operation and flags', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_SECCOMP_X);
  t.is(s64(p(e, 'res')), out.seccomp);
  t.is(u64(p(e, 'op')), 2n);
  t.is(u64(p(e, 'flags')), 0n);
});

rootTest('init_module, finit_module, delete_module', async (t) => {
  const i = await find(PPME.SYSCALL_INIT_MODULE_X);
  t.is(s64(p(i.e, 'res')), i.out.init_module);
  t.is(p(i.e, 'img')!.toString('latin1'), '\x7fELFnotamodule!\0');
  t.is(u64(p(i.e, 'length')), 16n);
  t.is(str(p(i.e, 'uargs')), 'a=1');
  const f = await find(PPME.SYSCALL_FINIT_MODULE_X);
  t.is(s64(p(f.e, 'res')), f.out.finit_module);
  t.is(s64(p(f.e, 'fd')), f.out.mfd);
  t.is(str(p(f.e, 'uargs')), 'b=2');
  t.is(u32(p(f.e, 'flags')), flag('finit_module_flags', 'MODULE_INIT_IGNORE_VERMAGIC'));
  const d = await find(PPME.SYSCALL_DELETE_MODULE_X);
  t.is(s64(p(d.e, 'res')), d.out.delete_module);
  t.is(str(p(d.e, 'name')), 'sx_no_such_module');
  t.is(u32(p(d.e, 'flags')), flag('delete_module_flags', 'O_NONBLOCK'));
});

rootTest('keyctl: arguments as numbers or strings by operation', async (t) => {
  const id = await find(PPME.SYSCALL_KEYCTL_X, (e) => u32(p(e, 'operation')) === flag('keyctl_operations', 'KEYCTL_GET_KEYRING_ID'));
  t.is(s64(p(id.e, 'res')), id.out.keyctl_id);
  const num = (b: Buffer | undefined) => (b && b.length === 9 && b[0] === PPM.KEYCTL_IDX_INT64 ? Number(b.readBigInt64LE(1)) : NaN);
  t.deepEqual(['arg2', 'arg3', 'arg4', 'arg5'].map((a) => num(p(id.e, a))), [-2, 0, 0, 0]);
  const join = await find(PPME.SYSCALL_KEYCTL_X, (e) => u32(p(e, 'operation')) === flag('keyctl_operations', 'KEYCTL_JOIN_SESSION_KEYRING'));
  t.is(s64(p(join.e, 'res')), join.out.keyctl_join);
  const a2 = p(join.e, 'arg2')!;
  t.is(a2[0], PPM.KEYCTL_IDX_CHARBUF);
  t.is(str(a2.subarray(1)), 'sx-ring');
});

rootTest('futex: address, operation, value', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_FUTEX_X, (e, o) => u64(p(e, 'addr')) === BigInt(o.futex_addr));
  t.is(s64(p(e, 'res')), out.futex);
  t.is(u16(p(e, 'op')), PPM.FU_FUTEX_WAKE | PPM.FU_FUTEX_PRIVATE_FLAG);
  t.is(u64(p(e, 'val')), 1n);
});

rootTest('nanosleep: the interval in ns', async (t) => {
  const { e } = await find(PPME.SYSCALL_NANOSLEEP_X, (e) => u64(p(e, 'interval')) === 1000000n);
  t.is(s64(p(e, 'res')), 0);
});

rootTest('mprotect and the mlock family', async (t) => {
  const page = BigInt((await find(PPME.SYSCALL_MPROTECT_X)).out.page);
  const mp = await find(PPME.SYSCALL_MPROTECT_X, (e) => u64(p(e, 'addr')) === page);
  t.is(s64(p(mp.e, 'res')), 0);
  t.is(u64(p(mp.e, 'length')), 4096n);
  t.is(u32(p(mp.e, 'prot')), PPM.PROT_READ);
  for (const type of [PPME.SYSCALL_MLOCK_X, PPME.SYSCALL_MUNLOCK_X]) {
    const { e } = await find(type, (e) => u64(p(e, 'addr')) === page);
    t.is(s64(p(e, 'res')), 0);
    t.is(u64(p(e, 'len')), 4096n);
  }
  const m2 = await find(PPME.SYSCALL_MLOCK2_X);
  t.is(u64(p(m2.e, 'addr')), page + 4096n);
  t.is(u32(p(m2.e, 'flags')), flag('mlock2_flags', 'MLOCK_ONFAULT'));
  const ma = await find(PPME.SYSCALL_MLOCKALL_X);
  t.is(s64(p(ma.e, 'res')), ma.out.mlockall);
  t.is(u32(p(ma.e, 'flags')), flag('mlockall_flags', 'MCL_FUTURE'));
  const mu = await find(PPME.SYSCALL_MUNLOCKALL_X);
  t.is(s64(p(mu.e, 'res')), 0);
});

rootTest('semget, semctl, semop', async (t) => {
  const g = await find(PPME.SYSCALL_SEMGET_X);
  t.is(s64(p(g.e, 'res')), g.out.semget);
  t.deepEqual([s32(p(g.e, 'key')), s32(p(g.e, 'nsems'))], [0, 1]);
  t.is(u32(p(g.e, 'semflg')), PPM.IPC_CREAT);
  const set = await find(PPME.SYSCALL_SEMCTL_X, (e) => u16(p(e, 'cmd')) === PPM.SETVAL);
  t.is(s32(p(set.e, 'semid')), g.out.semget);
  t.is(s32(p(set.e, 'semnum')), 0);
  t.is(s32(p(set.e, 'val')), 3);
  const rm = await find(PPME.SYSCALL_SEMCTL_X, (e) => u16(p(e, 'cmd')) === PPM.IPC_RMID);
  t.is(s32(p(rm.e, 'val')), 0, 'val only for SETVAL');
  const op = await find(PPME.SYSCALL_SEMOP_X);
  t.is(s64(p(op.e, 'res')), 0);
  t.is(u32(p(op.e, 'nsops')), 2);
  t.is(s32(p(op.e, 'semid')), g.out.semget);
  t.deepEqual([u16(p(op.e, 'sem_num_0')), s16(p(op.e, 'sem_op_0')), u16(p(op.e, 'sem_flg_0'))], [0, -1, PPM.IPC_NOWAIT]);
  t.deepEqual([u16(p(op.e, 'sem_num_1')), s16(p(op.e, 'sem_op_1')), u16(p(op.e, 'sem_flg_1'))], [0, 1, PPM.SEM_UNDO]);
});
