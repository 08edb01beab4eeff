// Scratch .scap files for the reader tests: each test file writes its inputs into a
// fresh temporary directory of its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new directory named after `name`, and a writer of numbered .scap files into it. */
export function scratchFiles(name: string): { dir: string; file(data: Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), `sinspect-${name}-`));
  let fileNo = 0;
  return {
    dir,
    file(data: Buffer): string {
      const p = join(dir, `f${fileNo++}.scap`);
      writeFileSync(p, data);
      return p;
    },
  };
}
