// Where the kernel module's sources, builds and devices are.
import { join } from 'node:path';
import { release } from 'node:os';
import { packageRoot } from '../package-root.js';

// the driver's commands and tests find the package root here
export { packageRoot };

export const MODULE_NAME = 'sinspect';

/** The module's sources, the generated schema header and the headers shared with the eBPF probe. */
export function moduleSources(root = packageRoot()): { kmod: string; generated: string; common: string } {
  const driver = join(root, 'native', 'driver');
  return { kmod: join(driver, 'kmod'), generated: join(driver, 'generated'), common: join(driver, 'common') };
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
