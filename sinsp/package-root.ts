// The sinspect package's own directory (the one holding its package.json), found upwards
// from the compiled module, wherever it runs from (the source tree, dist/, an install).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, or undefined when no package.json named sinspect is above this file. */
export function findPackageRoot(): string | undefined {
  // several modules ask at load time (the addon, the code caches, Fengari's bundle,
  // the chisel directories): the walk up the tree is done once
  if (found === null) found = walkUp();
  return found;
}

/** not looked for yet: null */
let found: string | undefined | null = null;

function walkUp(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sinspect') return dir;
      } catch {
        // not ours; keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The package root; throws a one-line Error when it cannot be found. */
export function packageRoot(): string {
  const root = findPackageRoot();
  if (root === undefined) throw new Error('cannot find the sinspect package root (package.json)');
  return root;
}
