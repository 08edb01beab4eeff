// Where the kernel module's sources, builds and devices are.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { release } from 'node:os';
import { fileURLToPath } from 'node:url';

export const MODULE_NAME = 'sinspect';

/** The directory holding sinspect's package.json, found upwards from this file. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sinspect') return dir;
      } catch {
        // not ours: keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sinspect package root (package.json)');
    dir = parent;
  }
}

/** The module's sources and the generated schema header they include. */
export function moduleSources(root = packageRoot()): { kmod: string; generated: string } {
  return { kmod: join(root, 'native', 'driver', 'kmod'), generated: join(root, 'native', 'driver', 'generated') };
}

/** The running kernel's release (uname -r). */
export function kernelRelease(): string {
  return release();
}

/** Where `sinspect driver build` puts the module for a kernel release. */
export function defaultBuildDir(rel = kernelRelease(), root = packageRoot()): string {
  return join(root, 'build', 'kmod', rel);
}

/** The kbuild tree of a release, as distributions install it. */
export function defaultKdir(rel = kernelRelease()): string {
  return `/lib/modules/${rel}/build`;
}
