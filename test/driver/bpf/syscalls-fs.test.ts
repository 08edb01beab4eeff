// Dedicated exit events of file and descriptor syscalls: each syscall made
// once with known arguments by a python workload, each parameter checked.
// Root only (eBPF probe).
import test from 'ava';
import { PPM, PPME } from '../../../sinsp/generated/schema.js';
import { isRoot, s64, str, u16, u32, u64, u8 } from '../../capture/live-harness.js';
import { flag, ofType, param as p, startWorkload } from './workload.js';

const rootTest = isRoot() ? test.serial : test.skip;
if (!isRoot()) console.log('eBPF probe tests skipped: they need root');

const WORKLOAD = `
import tempfile
d = tempfile.mkdtemp(prefix='sx-fs-')
report('dir', d)
p = os.path.join(d, 'a.txt').encode()
with open(p, 'wb') as f:
    f.write(b'0123456789')
fd = sc('open', p, os.O_RDWR)
report('fd', fd)
report('lseek', sc('lseek', fd, 4, 0))
report('lseek_end', sc('lseek', fd, -2, 2))
n = ctypes.c_int(0)
pr, pw = os.pipe()
os.write(pw, b'xyz')
report('pipe', [pr, pw])
report('ioctl', sc('ioctl', pr, 0x541B, ctypes.byref(n)))
report('ioctl_arg', ctypes.addressof(n))
report('fcntl', sc('fcntl', fd, 1030, 100))
report('flock', sc('flock', fd, 2 | 4))
report('access', sc('access', p, 4 | 2))
dfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
report('dfd', dfd)
db = buf(4096)
report('getdents64', sc('getdents64', dfd, db, 4096))
os.lseek(dfd, 0, 0)
report('getdents', sc('getdents', dfd, db, 4096))
cwd = buf(4096)
report('chdir', sc('chdir', d.encode()))
report('getcwd', sc('getcwd', cwd, 4096))
report('fchdir', sc('fchdir', dfd))
report('chroot', sc('chroot', b'/'))
b = os.path.join(d, 'b.txt').encode()
report('link', sc('link', p, b))
report('linkat', sc('linkat', -100, p, dfd, b'c.txt', 0x400))
s1 = os.path.join(d, 's1').encode()
report('symlink', sc('symlink', b'a.txt', s1))
report('symlinkat', sc('symlinkat', b'/no/target', dfd, b's2'))
report('chmod', sc('chmod', p, 0o640))
report('fchmod', sc('fchmod', fd, 0o600))
report('fchmodat', sc('fchmodat', dfd, b'b.txt', 0o4755))
report('chown', sc('chown', p, 1000, 1001))
report('lchown', sc('lchown', s1, 1002, 1003))
report('fchown', sc('fchown', fd, 0, 0))
report('fchownat', sc('fchownat', dfd, b's2', 1004, 1005, 0x100))
fifo = os.path.join(d, 'fifo').encode()
report('mknod', sc('mknod', fifo, 0o010644, 0))
report('mknodat', sc('mknodat', dfd, b'fifo2', 0o010600, 0))
out = os.open(os.path.join(d, 'out.bin'), os.O_RDWR | os.O_CREAT, 0o600)
report('out', out)
off = ctypes.c_long(2)
report('sendfile', sc('sendfile', out, fd, ctypes.byref(off), 3))
report('sendfile_off', off.value)
report('splice', sc('splice', pr, 0, out, 0, 3, 1 | 4))
report('copy_file_range', sc('copy_file_range', fd, 0, out, 0, 4, 0))
report('close_range', sc('close_range', 1000, 1010, 4))
mnt = os.path.join(d, 'mnt').encode()
os.mkdir(mnt)
report('mount', sc('mount', b'none', mnt, b'tmpfs', 2 | 4, b'size=1m'))
report('umount2', sc('umount2', mnt, 2))
qb = buf(128)
report('quotactl_get', sc('quotactl', (0x800007 << 8) | 0, b'/dev/sx-no-such', 1234, qb))
report('quotactl_on', sc('quotactl', (0x800002 << 8) | 1, b'/dev/sx-no-such', 2, cstr(b'/quota.group')))
report('memfd', sc('memfd_create', b'sx-memfd', 1 | 2))
h = buf(8 + 128)
struct.pack_into('I', h, 0, 128)
mid = ctypes.c_int(0)
hp = os.path.join(d, 'out.bin').encode()
report('name_to_handle_at', sc('name_to_handle_at', -100, hp, h, ctypes.byref(mid), 0))
report('open_by_handle_at', sc('open_by_handle_at', dfd, h, os.O_RDONLY))
st = os.stat(hp)
report('handle_path', hp.decode())
report('ino', st.st_ino)
report('dev', st.st_dev)
report('path', p.decode())
import shutil; shutil.rmtree(d)
`;

const SYSCALLS = [
  'lseek', 'ioctl', 'fcntl', 'flock', 'access', 'getdents', 'getdents64', 'getcwd', 'chdir', 'fchdir',
  'chroot', 'link', 'linkat', 'symlink', 'symlinkat', 'chmod', 'fchmod', 'fchmodat', 'chown', 'lchown',
  'fchown', 'fchownat', 'mknod', 'mknodat', 'sendfile', 'splice', 'copy_file_range', 'close_range',
  'mount', 'umount2', 'quotactl', 'memfd_create', 'open_by_handle_at',
];

const { finished, find } = startWorkload(WORKLOAD, SYSCALLS);
const path = (out: Record<string, any>, name: string) => `${out.dir}/${name}`;

rootTest('no drops, and every event of the workload is complete', async (t) => {
  const run = await finished();
  t.is(run.drops, 0);
  t.true(run.events.length > 30);
});

rootTest('lseek: fd, offset, whence', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_LSEEK_X, (e, o) => s64(p(e, 'fd')) === o.fd && u64(p(e, 'offset')) === 4n);
  t.is(s64(p(e, 'res')), out.lseek);
  t.is(u8(p(e, 'whence')), PPM.SEEK_SET);
  const end = await find(PPME.SYSCALL_LSEEK_X, (e, o) => s64(p(e, 'fd')) === o.fd && u8(p(e, 'whence')) === PPM.SEEK_END);
  t.is(s64(p(end.e, 'res')), out.lseek_end);
  t.is(u64(p(end.e, 'offset')), 2n ** 64n - 2n);
});

rootTest('ioctl: fd, request and argument', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_IOCTL_3_X, (e, o) => s64(p(e, 'fd')) === o.pipe[0] && u64(p(e, 'request')) === 0x541bn);
  t.is(s64(p(e, 'res')), out.ioctl);
  t.is(u64(p(e, 'request')), 0x541bn);
  t.is(u64(p(e, 'argument')), BigInt(out.ioctl_arg));
});

rootTest('fcntl and flock', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_FCNTL_X, (e) => u8(p(e, 'cmd')) === PPM.FCNTL_F_DUPFD_CLOEXEC);
  t.is(s64(p(e, 'res')), out.fcntl);
  t.is(s64(p(e, 'fd')), out.fd);
  t.is(u64(p(e, 'arg')), 100n);
  const fl = await find(PPME.SYSCALL_FLOCK_X, (e, o) => s64(p(e, 'fd')) === o.fd);
  t.is(s64(p(fl.e, 'res')), 0);
  t.is(u32(p(fl.e, 'operation')), PPM.LOCK_EX | PPM.LOCK_NB);
});

rootTest('access: path and mode', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_ACCESS_X, (e, o) => str(p(e, 'name')) === o.path);
  t.is(s64(p(e, 'res')), out.access);
  t.is(u32(p(e, 'mode')), PPM.R_OK | PPM.W_OK);
});

rootTest('getdents, getdents64: the directory fd', async (t) => {
  for (const [type, key] of [
    [PPME.SYSCALL_GETDENTS64_X, 'getdents64'],
    [PPME.SYSCALL_GETDENTS_X, 'getdents'],
  ] as const) {
    const { e, out } = await find(type, (e, o) => s64(p(e, 'fd')) === o.dfd);
    t.is(s64(p(e, 'res')), out[key]);
  }
});

rootTest('chdir, getcwd, fchdir, chroot', async (t) => {
  const cd = await find(PPME.SYSCALL_CHDIR_X, (e, o) => str(p(e, 'path')) === o.dir);
  t.is(s64(p(cd.e, 'res')), 0);
  const cwd = await find(PPME.SYSCALL_GETCWD_X, (e, o) => str(p(e, 'path')) === o.dir);
  t.is(s64(p(cwd.e, 'res')), cwd.out.getcwd);
  const fcd = await find(PPME.SYSCALL_FCHDIR_X, (e, o) => s64(p(e, 'fd')) === o.dfd);
  t.is(s64(p(fcd.e, 'res')), 0);
  const cr = await find(PPME.SYSCALL_CHROOT_X);
  t.is(str(p(cr.e, 'path')), '/');
  t.is(s64(p(cr.e, 'res')), cr.out.chroot);
});

rootTest('link, linkat, symlink, symlinkat', async (t) => {
  const l = await find(PPME.SYSCALL_LINK_2_X);
  t.is(s64(p(l.e, 'res')), 0);
  t.is(str(p(l.e, 'oldpath')), l.out.path);
  t.is(str(p(l.e, 'newpath')), path(l.out, 'b.txt'));
  const la = await find(PPME.SYSCALL_LINKAT_2_X);
  t.is(s64(p(la.e, 'res')), 0);
  t.is(s64(p(la.e, 'olddir')), PPM.AT_FDCWD);
  t.is(str(p(la.e, 'oldpath')), la.out.path);
  t.is(s64(p(la.e, 'newdir')), la.out.dfd);
  t.is(str(p(la.e, 'newpath')), 'c.txt');
  t.is(u32(p(la.e, 'flags')), PPM.AT_SYMLINK_FOLLOW);
  const sl = await find(PPME.SYSCALL_SYMLINK_X);
  t.is(str(p(sl.e, 'target')), 'a.txt');
  t.is(str(p(sl.e, 'linkpath')), path(sl.out, 's1'));
  const sla = await find(PPME.SYSCALL_SYMLINKAT_X);
  t.is(s64(p(sla.e, 'res')), 0);
  t.is(str(p(sla.e, 'target')), '/no/target');
  t.is(s64(p(sla.e, 'linkdirfd')), sla.out.dfd);
  t.is(str(p(sla.e, 'linkpath')), 's2');
});

rootTest('chmod, fchmod, fchmodat: modes as PPM_S_* bits', async (t) => {
  const c = await find(PPME.SYSCALL_CHMOD_X, (e, o) => str(p(e, 'filename')) === o.path);
  t.is(s64(p(c.e, 'res')), 0);
  t.is(u32(p(c.e, 'mode')), PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IRGRP);
  const f = await find(PPME.SYSCALL_FCHMOD_X, (e, o) => s64(p(e, 'fd')) === o.fd);
  t.is(u32(p(f.e, 'mode')), PPM.S_IRUSR | PPM.S_IWUSR);
  const a = await find(PPME.SYSCALL_FCHMODAT_X);
  t.is(s64(p(a.e, 'res')), 0);
  t.is(s64(p(a.e, 'dirfd')), a.out.dfd);
  t.is(str(p(a.e, 'filename')), 'b.txt');
  t.is(u32(p(a.e, 'mode')), PPM.S_ISUID | PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IXUSR | PPM.S_IRGRP | PPM.S_IXGRP | PPM.S_IROTH | PPM.S_IXOTH);
});

rootTest('chown, lchown, fchown, fchownat', async (t) => {
  const c = await find(PPME.SYSCALL_CHOWN_X);
  t.deepEqual([s64(p(c.e, 'res')), str(p(c.e, 'path')), u32(p(c.e, 'uid')), u32(p(c.e, 'gid'))], [0, c.out.path, 1000, 1001]);
  const l = await find(PPME.SYSCALL_LCHOWN_X);
  t.deepEqual([str(p(l.e, 'path')), u32(p(l.e, 'uid')), u32(p(l.e, 'gid'))], [path(l.out, 's1'), 1002, 1003]);
  const f = await find(PPME.SYSCALL_FCHOWN_X, (e, o) => s64(p(e, 'fd')) === o.fd);
  t.deepEqual([s64(p(f.e, 'res')), u32(p(f.e, 'uid')), u32(p(f.e, 'gid'))], [0, 0, 0]);
  const a = await find(PPME.SYSCALL_FCHOWNAT_X);
  t.is(s64(p(a.e, 'res')), 0);
  t.is(s64(p(a.e, 'dirfd')), a.out.dfd);
  t.is(str(p(a.e, 'pathname')), 's2');
  t.deepEqual([u32(p(a.e, 'uid')), u32(p(a.e, 'gid'))], [1004, 1005]);
  t.is(u32(p(a.e, 'flags')), 1024, 'AT_SYMLINK_NOFOLLOW in the fchownat_flags table');
});

rootTest('mknod, mknodat: file type and permissions', async (t) => {
  const m = await find(PPME.SYSCALL_MKNOD_X);
  t.is(s64(p(m.e, 'res')), 0);
  t.is(str(p(m.e, 'path')), path(m.out, 'fifo'));
  t.is(u32(p(m.e, 'mode')), PPM.S_IFIFO | PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IRGRP | PPM.S_IROTH);
  t.is(u32(p(m.e, 'dev')), 0);
  const a = await find(PPME.SYSCALL_MKNODAT_X);
  t.is(s64(p(a.e, 'dirfd')), a.out.dfd);
  t.is(str(p(a.e, 'path')), 'fifo2');
  t.is(u32(p(a.e, 'mode')), PPM.S_IFIFO | PPM.S_IRUSR | PPM.S_IWUSR);
});

rootTest('sendfile, splice, copy_file_range', async (t) => {
  const sf = await find(PPME.SYSCALL_SENDFILE_X);
  t.is(s64(p(sf.e, 'res')), sf.out.sendfile);
  t.is(u64(p(sf.e, 'offset')), BigInt(sf.out.sendfile_off), 'the offset after the call');
  t.is(s64(p(sf.e, 'out_fd')), sf.out.out);
  t.is(s64(p(sf.e, 'in_fd')), sf.out.fd);
  t.is(u64(p(sf.e, 'size')), 3n);
  const sp = await find(PPME.SYSCALL_SPLICE_X);
  t.is(s64(p(sp.e, 'res')), sp.out.splice);
  t.is(s64(p(sp.e, 'fd_in')), sp.out.pipe[0]);
  t.is(s64(p(sp.e, 'fd_out')), sp.out.out);
  t.is(u64(p(sp.e, 'size')), 3n);
  t.is(u32(p(sp.e, 'flags')), PPM.SPLICE_F_MOVE | PPM.SPLICE_F_MORE);
  const cf = await find(PPME.SYSCALL_COPY_FILE_RANGE_X);
  t.is(s64(p(cf.e, 'res')), cf.out.copy_file_range);
  t.is(s64(p(cf.e, 'fdin')), cf.out.fd);
  t.is(s64(p(cf.e, 'fdout')), cf.out.out);
  t.is(u64(p(cf.e, 'offin')), 0n);
  t.is(u64(p(cf.e, 'offout')), 0n);
  t.is(u64(p(cf.e, 'len')), 4n);
});

rootTest('close_range', async (t) => {
  const { e } = await find(PPME.SYSCALL_CLOSE_RANGE_X, (e) => u32(p(e, 'first')) === 1000);
  t.is(s64(p(e, 'res')), 0);
  t.is(u32(p(e, 'last')), 1010);
  t.is(u32(p(e, 'flags')), flag('close_range_flags', 'CLOSE_RANGE_CLOEXEC'));
});

rootTest('mount, umount2', async (t) => {
  const m = await find(PPME.SYSCALL_MOUNT_X);
  t.is(s64(p(m.e, 'res')), m.out.mount);
  t.is(str(p(m.e, 'dev')), 'none');
  t.is(str(p(m.e, 'dir')), path(m.out, 'mnt'));
  t.is(str(p(m.e, 'type')), 'tmpfs');
  t.is(u32(p(m.e, 'flags')), PPM.MS_NOSUID | PPM.MS_NODEV);
  const u = await find(PPME.SYSCALL_UMOUNT2_X);
  t.is(s64(p(u.e, 'res')), u.out.umount2);
  t.is(str(p(u.e, 'name')), path(u.out, 'mnt'));
  t.is(u32(p(u.e, 'flags')), PPM.MNT_DETACH);
});

rootTest('quotactl: command, type, id, device, quota file and format', async (t) => {
  const g = await find(PPME.SYSCALL_QUOTACTL_X, (e) => u16(p(e, 'cmd')) === PPM.Q_GETQUOTA);
  t.is(s64(p(g.e, 'res')), g.out.quotactl_get);
  t.is(str(p(g.e, 'special')), '/dev/sx-no-such');
  t.is(p(g.e, 'quotafilepath')!.length, 0);
  t.is(u8(p(g.e, 'type')), PPM.USRQUOTA);
  t.is(u32(p(g.e, 'id')), 1234);
  t.is(u8(p(g.e, 'quota_fmt')), PPM.QFMT_NOT_USED);
  const on = await find(PPME.SYSCALL_QUOTACTL_X, (e) => u16(p(e, 'cmd')) === PPM.Q_QUOTAON);
  t.is(str(p(on.e, 'quotafilepath')), '/quota.group');
  t.is(u8(p(on.e, 'type')), PPM.GRPQUOTA);
  t.is(u32(p(on.e, 'id')), 0, 'id is no user/group for Q_QUOTAON');
  t.is(u8(p(on.e, 'quota_fmt')), PPM.QFMT_VFS_V0);
});

rootTest('memfd_create: name and flags', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_MEMFD_CREATE_X);
  t.is(s64(p(e, 'fd')), out.memfd);
  t.is(str(p(e, 'name')), 'sx-memfd');
  t.is(u32(p(e, 'flags')), flag('memfd_create_flags', 'MFD_CLOEXEC') | flag('memfd_create_flags', 'MFD_ALLOW_SEALING'));
});

rootTest('open_by_handle_at: path, dev and inode of the file opened', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_OPEN_BY_HANDLE_AT_X);
  t.is(s64(p(e, 'fd')), out.open_by_handle_at);
  t.is(s64(p(e, 'mountfd')), out.dfd);
  t.is(u32(p(e, 'flags')) & PPM.O_RDWR, PPM.O_RDONLY);
  t.is(str(p(e, 'path')), out.handle_path);
  t.is(u64(p(e, 'ino')), BigInt(out.ino));
  t.is(u32(p(e, 'dev')), out.dev);
});
