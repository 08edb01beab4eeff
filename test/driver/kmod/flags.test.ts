// The Linux -> PPM value conversions the module and the eBPF probe share
// (native/driver/common/ppm_flags.h) compiled into a small host program and checked
// against the schema's values.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PPM } from '../../../sinsp/generated/schema.js';
import { packageRoot } from '../../../sinsp/driver/paths.js';

const ROOT = packageRoot();

/** Each case: a C expression using flags.h, and the value it must give. */
const CASES: Array<[string, number]> = [
  ['open_flags_to_ppm(01 | 0100 | 01000)', PPM.O_WRONLY | PPM.O_CREAT | PPM.O_TRUNC],
  ['open_flags_to_ppm(0)', PPM.O_RDONLY],
  ['open_flags_to_ppm(02 | 02000000)', PPM.O_RDWR | PPM.O_CLOEXEC],
  ['open_flags_to_ppm(0200000 | 04000)', PPM.O_RDONLY | PPM.O_DIRECTORY | PPM.O_NONBLOCK],
  ['open_flags_to_ppm(04010000)', PPM.O_RDONLY | PPM.O_SYNC | PPM.O_DSYNC],
  ['open_mode_to_ppm(0100, 0640)', PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IRGRP],
  ['open_mode_to_ppm(0, 0640)', 0],
  ['mode_to_ppm(04755)', PPM.S_ISUID | PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IXUSR | PPM.S_IRGRP | PPM.S_IXGRP | PPM.S_IROTH | PPM.S_IXOTH],
  ['clone_flags_to_ppm(0x01200011)', PPM.CL_CLONE_CHILD_CLEARTID | PPM.CL_CLONE_CHILD_SETTID],
  ['clone_flags_to_ppm(0x10000 | 0x100 | 0x800)', PPM.CL_CLONE_THREAD | PPM.CL_CLONE_VM | PPM.CL_CLONE_SIGHAND],
  ['prot_to_ppm(0x1 | 0x4)', PPM.PROT_READ | PPM.PROT_EXEC],
  ['mmap_flags_to_ppm(0x02 | 0x20)', PPM.MAP_PRIVATE | PPM.MAP_ANONYMOUS],
  ['at_flags_to_ppm(0x200)', PPM.AT_REMOVEDIR],
  ['(int)dirfd_to_ppm((unsigned)-100)', PPM.AT_FDCWD],
  ['(int)dirfd_to_ppm(7)', 7],
  ['shutdown_how_to_ppm(1)', PPM.SHUT_WR],
  ['fcntl_cmd_to_ppm(1030, 0)', PPM.FCNTL_F_DUPFD_CLOEXEC],
  ['fcntl_cmd_to_ppm(4, 0)', PPM.FCNTL_F_SETFL],
  ['ptrace_request_to_ppm(16)', PPM.PTRACE_ATTACH],
  ['ptrace_request_to_ppm(0x4206)', PPM.PTRACE_SEIZE],
  ['rlimit_resource_to_ppm(7)', PPM.RLIMIT_NOFILE],
  ['semget_flags_to_ppm(01000 | 02000 | 0600)', PPM.IPC_CREAT | PPM.IPC_EXCL],
  ['semop_flags_to_ppm(04000 | 0x1000)', PPM.IPC_NOWAIT | PPM.SEM_UNDO],
  ['semctl_cmd_to_ppm(12)', PPM.GETVAL],
  ['quotactl_cmd_to_ppm(0x580300)', PPM.Q_XGETQUOTA],
  ['prot_to_ppm(0x8)', PPM.PROT_SEM],
  ['mmap_flags_to_ppm(0x40)', PPM.MAP_32BIT],
  ['open_flags_to_ppm(020200000 | 02)', PPM.O_RDWR | PPM.O_TMPFILE | PPM.O_DIRECTORY],
  ['open_mode_to_ppm(020200000, 0600)', PPM.S_IRUSR | PPM.S_IWUSR],
  ['fcntl_cmd_to_ppm(12, 0)', PPM.FCNTL_UNKNOWN],
  ['fcntl_cmd_to_ppm(12, 1)', PPM.FCNTL_F_GETLK64],
  ['rename_flags_to_ppm(2 | 8)', PPM.RENAME_EXCHANGE],
  ['poll_events_to_ppm(0x001 | 0x004)', PPM.POLLIN | PPM.POLLOUT],
  ['pf_error_to_ppm(0x6)', PPM.PF_PAGE_NOT_PRESENT | PPM.PF_WRITE_ACCESS | PPM.PF_USER_FAULT],
  ['resolve_flags_to_ppm(0x08)', PPM.RESOLVE_BENEATH],
  ['mount_flags_to_ppm(0xc0ed0000u | 1)', PPM.MS_RDONLY],
];

test('ppm_flags.h converts Linux values to the schema\'s PPM values', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-kmod-flags-'));
  try {
    const body = CASES.map(([expr]) => `\tprintf("%lld\\n", (long long)(${expr}));`).join('\n');
    writeFileSync(join(dir, 'flags.c'), `#include <stdio.h>\n#include "ppm_flags.h"\nint main(void)\n{\n${body}\n\treturn 0;\n}\n`);
    const exe = join(dir, 'flags');
    const cc = spawnSync('gcc', ['-Wall', '-Werror', `-I${join(ROOT, 'native', 'driver', 'common')}`,
      `-I${join(ROOT, 'native', 'driver', 'generated')}`, '-o', exe, join(dir, 'flags.c')], { encoding: 'utf8' });
    if (cc.status !== 0) {
      t.fail(`ppm_flags.h does not compile in userspace:\n${cc.stderr}`);
      return;
    }
    const out = spawnSync(exe, { encoding: 'utf8' }).stdout.trim().split('\n').map(Number);
    CASES.forEach(([expr, want], i) => t.is(out[i], want, expr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
