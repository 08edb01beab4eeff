// The guest's root file system: busybox, an /init that loads the module and
// runs the capture program once per driver, then powers off.
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './sh.js';

/** Serial ports: ttyS0 is the console, the others carry capture files. */
// (kmod-all: the module with every tracepoint, sched_switch and page faults included)
export const CAPTURE_PORTS = { kmod: '/dev/ttyS1', bpf: '/dev/ttyS2', 'kmod-all': '/dev/ttyS3' };

function initScript(drivers) {
  const steps = drivers
    .map((d) => `echo "VMTEST-BEGIN ${d}"\n/sinspect-vmtest ${d} ${CAPTURE_PORTS[d]}\necho "VMTEST-EXIT ${d} rc=$?"`)
    .join('\n');
  return `#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp && mount -t tmpfs tmpfs /tmp
ip link set lo up
echo "VMTEST-BOOTED $(uname -r)"
if insmod /sinspect.ko; then
  echo "VMTEST-KMOD-LOADED $(ls /dev | grep -c '^sinspect')"
else
  echo "VMTEST-FAIL insmod"
fi
${steps}
if rmmod sinspect; then echo "VMTEST-KMOD-UNLOADED"; else echo "VMTEST-FAIL rmmod"; fi
echo "VMTEST-POWEROFF"
poweroff -f
`;
}

/** Writes dir/initrd.gz; drivers lists what the guest captures with, in order. */
export function buildInitramfs({ outDir, busybox, koPath, program, drivers }) {
  const root = join(outDir, 'rootfs');
  rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'dev', 'proc', 'sys', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(busybox, join(root, 'bin', 'busybox'));
  chmodSync(join(root, 'bin', 'busybox'), 0o755);
  symlinkSync('busybox', join(root, 'bin', 'sh')); // /init's interpreter, before --install
  copyFileSync(koPath, join(root, 'sinspect.ko'));
  copyFileSync(program, join(root, 'sinspect-vmtest'));
  chmodSync(join(root, 'sinspect-vmtest'), 0o755);
  writeFileSync(join(root, 'init'), initScript(drivers), { mode: 0o755 });
  const initrd = join(outDir, 'initrd.gz');
  run('sh', ['-c', `cd "${root}" && find . | cpio -o -H newc --quiet | gzip -1 > "${initrd}"`], {
    what: 'pack the initramfs',
  });
  return initrd;
}
