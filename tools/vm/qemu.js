// Booting the guest under qemu (TCG: KVM is not available everywhere) with the
// console on the first serial port and the capture files on the second.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Splits the capture port's stream ("SINSPECT-FILE <name> <size>\n" + bytes, ...). */
export function splitCaptures(stream, outDir) {
  const files = {};
  let off = 0;
  while (off < stream.length) {
    const nl = stream.indexOf(0x0a, off);
    if (nl < 0) break;
    const m = /^SINSPECT-FILE (\S+) (\d+)$/.exec(stream.subarray(off, nl).toString('latin1'));
    if (!m) break;
    const size = Number(m[2]);
    const path = join(outDir, `capture-${m[1]}.scap`);
    writeFileSync(path, stream.subarray(nl + 1, nl + 1 + size));
    files[m[1]] = path;
    off = nl + 1 + size;
  }
  return files;
}

/**
 * Boots and waits for the guest to power off (or the timeout). Returns the console
 * log, whether it timed out, and the capture files the guest sent, by name.
 */
export function bootGuest({ vmlinuz, initrd, outDir, memoryMb = 512, timeoutMs = 300000, append = '' }) {
  const consolePath = join(outDir, 'console.log');
  const portPath = join(outDir, 'captures.bin');
  const args = [
    '-kernel', vmlinuz, '-initrd', initrd,
    // words of the form NAME=value that the kernel does not know reach /init's environment
    '-append', `console=ttyS0 panic=-1 quiet ${append}`.trim(),
    '-nographic', '-no-reboot', '-m', String(memoryMb), '-smp', '2', '-accel', 'tcg',
    '-monitor', 'none',
    '-serial', `file:${consolePath}`,
    '-serial', `file:${portPath}`,
  ];
  rmSync(consolePath, { force: true });
  rmSync(portPath, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run qemu-system-x86_64: ${e.message} (install qemu-system-x86)`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const consoleLog = existsSync(consolePath) ? readFileSync(consolePath, 'utf8') : '';
      const files = existsSync(portPath) ? splitCaptures(readFileSync(portPath), outDir) : {};
      resolve({ consoleLog, timedOut, exitCode: code, qemuStderr: stderr.trim(), files });
    });
  });
}
