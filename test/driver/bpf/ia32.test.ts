// 32-bit (ia32) syscalls: a 64-bit helper makes compat calls through int 0x80
// (the kernel runs them as a 32-bit process's calls). The probe translates the
// numbers: calls its programs read correctly under the ia32 ABI get their own
// event, the others a generic event naming the syscall, calls x86_64 lacks none.
// Root only; needs gcc.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PPM, PPME, SYSCALL_NR_X86_64, SYSCALLS_X86_64 } from '../../../sinsp/generated/schema.js';
import { captureDuring, isRoot, s32, s64, str, u16, u32, u8 } from '../../capture/live-harness.js';
import { ofType } from './workload.js';

const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const rootTest = isRoot() && hasGcc ? test.serial : test.skip;
if (!isRoot() || !hasGcc) console.log('ia32 probe tests skipped: they need root and gcc');

const HELPER = `/* ia32 syscalls through int 0x80 from a 64-bit process (the kernel runs them
 * as compat calls), with every pointer below 4 GiB. Prints its pid first. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long sys32_4(long nr, long a, long b, long c, long d) {
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
	return r;
}

static long sys32(long nr, long a, long b, long c) {
	return sys32_4(nr, a, b, c, 0);
}

int main(int argc, char **argv) {
	char *low = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if(low == MAP_FAILED || argc < 2)
		return 1;
	printf("%d\\n", getpid());
	fflush(stdout);
	strcpy(low, argv[1]);
	long fd = sys32(5, (long)low, 0101, 0600); /* open(path, O_WRONLY|O_CREAT, 0600) */
	long chmod = sys32(15, (long)low, 0640, 0); /* chmod */
	/* fcntl64(F_SETLK64) with an F_UNLCK struct flock64 (zeroed low memory) */
	low[1024] = 2;
	long setlk64 = sys32(221, fd, 13, (long)(low + 1024));
	long semid = sys32(393, 0, 1, 01600);                   /* semget(IPC_PRIVATE, 1, IPC_CREAT|0600) */
	long setval = sys32_4(394, semid, 0, 16 | 0x100, 3);   /* semctl(SETVAL | IPC_64, 3) */
	sys32_4(394, semid, 0, 0 | 0x100, 0);                  /* semctl(IPC_RMID | IPC_64) */
	long close = sys32(6, fd, 0, 0);            /* close */
	long uid = sys32(199, 0, 0, 0);             /* getuid32 -> getuid */
	long sleep = sys32(162, (long)(low + 2048), 0, 0); /* nanosleep (old 32-bit timespec): generic */
	long setuid16 = sys32(23, 0, 0, 0);         /* setuid (16-bit ids): generic */
	long sockcall = sys32(102, 99, 0, 0);       /* socketcall: not captured */
	printf("{\\"setlk64\\":%ld,\\"semid\\":%ld,\\"setval\\":%ld,\\"fd\\":%ld,\\"chmod\\":%ld,\\"close\\":%ld,\\"uid\\":%ld,\\"sleep\\":%ld,\\"setuid16\\":%ld,\\"socketcall\\":%ld}\\n",
	       setlk64, semid, setval, fd, chmod, close, uid, sleep, setuid16, sockcall);
	return 0;
}
`;

rootTest('ia32 calls: translated numbers, ia32 registers, generic events where the layout differs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-ia32-'));
  const bin = join(dir, 'ia32');
  const marker = join(dir, 'marker');
  writeFileSync(join(dir, 'ia32.c'), HELPER);
  const cc = spawnSync('gcc', ['-O2', '-o', bin, join(dir, 'ia32.c')], { encoding: 'utf8' });
  t.is(cc.status, 0, cc.stderr);
  let stdout = '';
  const { events } = await captureDuring(
    () => {
      const r = spawnSync(bin, [marker], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ia32 helper failed: ${r.status} ${r.stderr}`);
      stdout = r.stdout;
    },
    { syscalls: ['open', 'close', 'chmod', 'getuid', 'nanosleep', 'setuid', 'fcntl', 'semctl'], tracepoints: [] },
  );
  rmSync(dir, { recursive: true });
  const [pidLine, json] = stdout.trim().split('\n');
  const pid = Number(pidLine);
  const out = JSON.parse(json!) as Record<string, number>;
  const mine = events.filter((e) => e.tid === pid);

  const open = ofType(mine, PPME.SYSCALL_OPEN_X).find((e) => str(e.params.get('name')) === marker);
  t.truthy(open, 'ia32 open (5) is an open event');
  t.is(s64(open!.params.get('fd')), out.fd);
  t.is(u32(open!.params.get('flags')), PPM.O_WRONLY | PPM.O_CREAT | PPM.O_F_CREATED);
  t.is(u32(open!.params.get('mode')), PPM.S_IRUSR | PPM.S_IWUSR);

  const chmod = ofType(mine, PPME.SYSCALL_CHMOD_X).find((e) => str(e.params.get('filename')) === marker);
  t.truthy(chmod, 'ia32 chmod (15)');
  t.is(u32(chmod!.params.get('mode')), PPM.S_IRUSR | PPM.S_IWUSR | PPM.S_IRGRP);

  // fcntl64's F_SETLK64 and semctl's IPC_64 flag exist only for 32-bit callers
  const lk = ofType(mine, PPME.SYSCALL_FCNTL_X).find((e) => s64(e.params.get('fd')) === out.fd);
  t.truthy(lk, 'ia32 fcntl64 (221) is an fcntl event');
  t.is(s64(lk!.params.get('res')), out.setlk64);
  t.is(u8(lk!.params.get('cmd')), PPM.FCNTL_F_SETLK64);
  const sv = ofType(mine, PPME.SYSCALL_SEMCTL_X).find((e) => s32(e.params.get('semid')) === out.semid);
  t.truthy(sv, 'ia32 semctl (394)');
  t.is(s64(sv!.params.get('res')), out.setval);
  t.is(u16(sv!.params.get('cmd')), PPM.SETVAL);
  t.is(s32(sv!.params.get('val')), 3);

  const close = ofType(mine, PPME.SYSCALL_CLOSE_X).find((e) => s64(e.params.get('fd')) === out.fd);
  t.truthy(close, 'ia32 close (6)');
  t.is(s64(close!.params.get('res')), 0);

  // getuid32 (199) is getuid; socketcall (102, x86_64's getuid number) is not captured
  const getuid = ofType(mine, PPME.SYSCALL_GETUID_X);
  t.is(getuid.length, 1);
  t.is(u32(getuid[0]!.params.get('uid')), out.uid);

  // nanosleep with a 32-bit timespec and the 16-bit setuid: generic events
  const generic = ofType(mine, PPME.GENERIC_X).map((e) => u16(e.params.get('nativeID')));
  const nanosleep = SYSCALL_NR_X86_64['nanosleep']!;
  const setuid = SYSCALL_NR_X86_64['setuid']!;
  t.true(generic.includes(nanosleep), `generic events: ${generic}`);
  t.true(generic.includes(setuid));
  const g = ofType(mine, PPME.GENERIC_X).find((e) => u16(e.params.get('nativeID')) === nanosleep)!;
  t.is(u16(g.params.get('ID')), SYSCALLS_X86_64[nanosleep]!.sc);
  t.is(ofType(mine, PPME.SYSCALL_NANOSLEEP_X).length, 0);
  t.is(ofType(mine, PPME.SYSCALL_SETUID_X).length, 0);
});
