// The live machine's capture metadata from a /proc scan: what a live capture starts
// from (and writes into a capture file), the way libscap scans /proc for sysdig.
import { join } from 'node:path';
import { loadAddon } from './native.js';
import type { CaptureMetadata } from './types.js';

export interface ScanOptions {
  /**
   * The procfs to read. Default: `$HOST_ROOT/proc` when HOST_ROOT is set (sysdig's
   * convention inside a container with the host's filesystem mounted), else /proc.
   */
  procDir?: string;
}

/**
 * Every user process and thread (kernel threads excluded) with its fds, sockets with
 * their endpoints, users and groups, network interfaces and machine info. Processes
 * that exit or cannot be read during the scan are left out or left partly empty.
 * Synchronous: it takes tens of milliseconds on a typical machine.
 */
export function scanProc(options: ScanOptions = {}): CaptureMetadata {
  const procDir = options.procDir ?? join(process.env.HOST_ROOT ?? '/', 'proc');
  const { scanProc: scan } = loadAddon() as { scanProc: (dir: string) => CaptureMetadata };
  return scan(procDir);
}
