// The VM test run: resolve the guest kernel, build the module and the guest
// program, pack the initramfs, boot, and collect what the guest reports.
// Outputs live in build/vm/. Used by test/vm and by `node tools/vm/run.js`.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { abiOf, currentImagePackage, ensureHeaders, ensureVmlinuz } from './kernel.js';
import { buildGuestModule, buildGuestProgram } from './guest-build.js';
import { buildInitramfs, CLI_CAPTURES } from './initramfs.js';
import { bootGuest } from './qemu.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = join(ROOT, 'build', 'vm');

function busyboxPath() {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(p)) return p;
  throw new Error('busybox not found (install busybox-static)');
}

/** FACT lines of the console: { 'kmod': { 'file.path': '...' }, ... } by driver. */
export function parseFacts(consoleLog) {
  const facts = {};
  let driver;
  for (const line of consoleLog.split(/\r?\n/)) {
    const m = /^FACT ([\w.]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'driver') {
      driver = m[2];
      facts[driver] = {};
    } else if (driver) {
      facts[driver][m[1]] = m[2];
    }
  }
  return facts;
}

/**
 * Runs the whole VM test once. Returns { abi, consoleLog, facts, files, drivers,
 * timedOut }. Throws (with the console log) only when nothing could boot.
 */
export async function runVm({ log = () => {} } = {}) {
  mkdirSync(OUT, { recursive: true });
  const image = currentImagePackage();
  const abi = abiOf(image);
  log(`guest kernel ${abi}`);
  const vmlinuz = ensureVmlinuz(image, join(OUT, 'kernel'));
  const kdir = ensureHeaders(abi);
  const koPath = await buildGuestModule(ROOT, kdir, abi, join(OUT, 'kmod', abi));
  log(`module ${koPath}`);
  const program = buildGuestProgram(ROOT, join(OUT, 'guest'));
  const drivers = program.bpf ? ['kmod', 'kmod-all', 'kmod-filter', 'bpf'] : ['kmod', 'kmod-all', 'kmod-filter'];
  log(`guest program ${program.path} (drivers: ${drivers.join(', ')})`);
  // the sinspect CLI itself (`--kmod -w`, with -U, with a pushed filter) joins when the addon is built
  const withCli = existsSync(join(ROOT, 'build', 'scap', 'Release', 'sinspect_scap.node'));
  const initrd = buildInitramfs({
    outDir: join(OUT, 'guest'),
    busybox: busyboxPath(),
    koPath,
    program: program.path,
    drivers,
    sinspectRoot: withCli ? ROOT : undefined,
  });
  // SINSPECT_VM_APPEND adds kernel command line words, e.g. SINSPECT_BPF_DEBUG=1
  const boot = await bootGuest({
    vmlinuz,
    initrd,
    outDir: OUT,
    memoryMb: withCli ? 1536 : 512,
    append: process.env.SINSPECT_VM_APPEND ?? '',
  });
  return { abi, drivers: withCli ? [...drivers, ...CLI_CAPTURES] : drivers, ...boot, facts: parseFacts(boot.consoleLog) };
}
