// Booting the guest under qemu (TCG: KVM is not available everywhere) with the
// console on the first serial port and one file-backed port per capture.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Boots and waits for the guest to power off (or the timeout). Returns the console
 * log, whether it timed out, and the paths of the capture files the guest wrote.
 */
export function bootGuest({ vmlinuz, initrd, outDir, ports, timeoutMs = 180000, append = '' }) {
  const consolePath = join(outDir, 'console.log');
  const files = {};
  const args = [
    '-kernel', vmlinuz, '-initrd', initrd,
    // words of the form NAME=value that the kernel does not know reach /init's environment
    '-append', `console=ttyS0 panic=-1 quiet ${append}`.trim(),
    '-nographic', '-no-reboot', '-m', '512', '-smp', '2', '-accel', 'tcg',
    '-monitor', 'none',
    '-serial', `file:${consolePath}`,
  ];
  for (const name of ports) {
    const p = join(outDir, `capture-${name}.scap`);
    rmSync(p, { force: true });
    files[name] = p;
    args.push('-serial', `file:${p}`);
  }
  rmSync(consolePath, { force: true });
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
      resolve({ consoleLog, timedOut, exitCode: code, qemuStderr: stderr.trim(), files });
    });
  });
}
