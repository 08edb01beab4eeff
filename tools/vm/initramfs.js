// The guest's root file system: busybox, an /init that loads the module and
// runs the captures, then powers off. Every capture file leaves through one
// serial port (ttyS1), framed, in the order the captures ran.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { run } from './sh.js';

export const CAPTURE_PORT = '/dev/ttyS1';

/** `sinspect driver ...` on a kernel that loads modules: status, unload, load again. */
const DRIVER_STEP = `for cmd in status unload "load --ko /sinspect.ko"; do
  echo "VMTEST-DRIVER-BEGIN $cmd"
  HOME=/root /sinspect/node /sinspect/bin/run.js driver $cmd 2>&1
  echo "VMTEST-DRIVER-END rc=$?"
  echo "VMTEST-DRIVER-DEVICES $(ls /dev | grep -c '^sinspect')"
done`;

/**
 * `sinspect ARGS -w /tmp/capture-NAME.scap` in the guest while the workloads run
 * (`sinspect-vmtest work NAME`), then the file goes to the host; stderr comes back as
 * "VMTEST-CLI-STDERR NAME ..." lines. With startFirst the workload process exists before
 * the capture starts and waits for /tmp/go-NAME (its pid is $WPID, for ARGS): the filter
 * pushdown only pushes the pids of processes that exist when the capture starts.
 */
function cliStep({ name, args, startFirst = false }) {
  const file = `/tmp/capture-${name}.scap`;
  // a subshell that execs the workload keeps its pid
  const before = startFirst
    ? `( while [ ! -e /tmp/go-${name} ]; do sleep 0.1; done; exec /sinspect-vmtest work ${name} ) &\nWPID=$!\n`
    : '';
  const work = startFirst ? `touch /tmp/go-${name}\nwait $WPID` : `/sinspect-vmtest work ${name}`;
  return `echo "VMTEST-BEGIN ${name}"
${before}HOME=/root /sinspect/node /sinspect/bin/run.js ${args} -w ${file} > /tmp/${name}.out 2> /tmp/${name}.err &
SPID=$!
# the capture has started once the module's devices are open
i=0
while [ $i -lt 1200 ]; do
  refs=$(awk '$1 == "sinspect" { print $3 }' /proc/modules)
  [ "\${refs:-0}" -gt 0 ] && break
  kill -0 $SPID 2>/dev/null || break
  sleep 0.1; i=$((i + 1))
done
sleep 3
${work}
sleep 2
kill -INT $SPID
wait $SPID
echo "VMTEST-CLI-EXIT ${name} rc=$?"
head -c 2000 /tmp/${name}.out
sed 's/^/VMTEST-CLI-STDERR ${name} /' /tmp/${name}.err | head -c 4000
if [ -s ${file} ] && /sinspect-vmtest send ${name} ${file} ${CAPTURE_PORT}; then
  echo "VMTEST-DONE ${name}"
fi`;
}

/**
 * The CLI's captures, which test/vm/kmod-suite.ts checks: `--kmod -w` as is, with -U of
 * the workload's comm, and with a filter whose pid and event types the module decides.
 */
const CLI_RUNS = [
  { name: 'cli', args: '--kmod' },
  { name: 'cli-suppress', args: '--kmod -v -U sinspect-vmtest' },
  { name: 'cli-pushdown', args: '--kmod -v "proc.pid=$WPID and evt.type in (openat, read, close)"', startFirst: true },
];
export const CLI_CAPTURES = CLI_RUNS.map((r) => r.name);

function initScript(drivers, withCli) {
  const steps = drivers
    .map((d) => `echo "VMTEST-BEGIN ${d}"\n/sinspect-vmtest ${d} ${CAPTURE_PORT}\necho "VMTEST-EXIT ${d} rc=$?"`)
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
${withCli ? [DRIVER_STEP, ...CLI_RUNS.map(cliStep)].join('\n') : ''}
if rmmod sinspect; then echo "VMTEST-KMOD-UNLOADED"; else echo "VMTEST-FAIL rmmod"; fi
echo "VMTEST-POWEROFF"
poweroff -f
`;
}

/** Shared libraries a dynamic executable needs, from ldd. */
function sharedLibs(exe) {
  const out = spawnSync('ldd', [exe], { encoding: 'utf8' }).stdout ?? '';
  return [...out.matchAll(/(\/\S+\.so[.\d]*)/g)].map((m) => m[1]);
}

function copyInto(rootfs, path) {
  const dst = join(rootfs, path);
  mkdirSync(dirname(dst), { recursive: true });
  copyFileSync(path, dst);
}

/**
 * The sinspect CLI for the guest: node and its libraries, bin/, dist/, the addon
 * and the runtime node_modules (no dev dependencies).
 */
function addSinspect(rootfs, root) {
  const dir = join(rootfs, 'sinspect');
  const addon = join(root, 'build', 'scap', 'Release', 'sinspect_scap.node');
  mkdirSync(dir, { recursive: true });
  copyFileSync(process.execPath, join(dir, 'node'));
  chmodSync(join(dir, 'node'), 0o755);
  for (const lib of new Set([...sharedLibs(process.execPath), ...sharedLibs(addon)])) copyInto(rootfs, lib);
  for (const d of ['bin', 'dist', 'chisels']) cpSync(join(root, d), join(dir, d), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'build', 'scap', 'Release'), { recursive: true });
  copyFileSync(addon, join(dir, 'build', 'scap', 'Release', 'sinspect_scap.node'));
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: root, encoding: 'utf8' });
  for (const p of (ls.stdout ?? '').split('\n').filter((l) => l.includes('node_modules'))) {
    cpSync(p, join(dir, relative(root, p)), { recursive: true });
  }
}

/**
 * Writes outDir/initrd.gz. drivers lists the capture program's runs in order;
 * sinspectRoot, when given, adds the sinspect CLI and its `--kmod -w` run.
 */
export function buildInitramfs({ outDir, busybox, koPath, program, drivers, sinspectRoot }) {
  const root = join(outDir, 'rootfs');
  rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'dev', 'proc', 'sys', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(busybox, join(root, 'bin', 'busybox'));
  chmodSync(join(root, 'bin', 'busybox'), 0o755);
  symlinkSync('busybox', join(root, 'bin', 'sh')); // /init's interpreter, before --install
  copyFileSync(koPath, join(root, 'sinspect.ko'));
  copyFileSync(program, join(root, 'sinspect-vmtest'));
  chmodSync(join(root, 'sinspect-vmtest'), 0o755);
  if (sinspectRoot) addSinspect(root, sinspectRoot);
  // node asks who the user is (os.userInfo)
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'root'), { recursive: true });
  writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\n');
  writeFileSync(join(root, 'init'), initScript(drivers, Boolean(sinspectRoot)), { mode: 0o755 });
  const initrd = join(outDir, 'initrd.gz');
  run('sh', ['-c', `cd "${root}" && find . | cpio -o -H newc --quiet | gzip -1 > "${initrd}"`], {
    what: 'pack the initramfs',
  });
  return initrd;
}
