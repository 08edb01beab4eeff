// Building sinspect.ko with kbuild against a kernel build tree, the way dkms
// does: the sources are copied to a build directory (kbuild writes its objects
// next to them) and `make -C KDIR M=DIR modules` runs there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultBuildDir, defaultKdir, kernelRelease, MODULE_NAME, moduleSources, packageRoot } from './paths.js';

export interface BuildOptions {
  /** kernel build tree (default /lib/modules/<release>/build) */
  kdir?: string;
  /** kernel release the module is for (default: the running kernel) */
  release?: string;
  /** output directory (default build/kmod/<release>) */
  outDir?: string;
  /** the package root holding native/driver (default: this package) */
  root?: string;
}

export interface BuildResult {
  koPath: string;
  kdir: string;
  release: string;
}

/** Builds the module; throws one-line errors (missing headers, compiler failure). */
export function buildModule(opts: BuildOptions = {}): BuildResult {
  const rel = opts.release ?? kernelRelease();
  const kdir = opts.kdir ?? defaultKdir(rel);
  const root = opts.root ?? packageRoot();
  if (!existsSync(join(kdir, 'Makefile'))) {
    throw new Error(
      opts.kdir
        ? `no kernel build tree at ${kdir}`
        : `no kernel headers for ${rel} (${kdir} is missing): install linux-headers-${rel}`,
    );
  }
  const src = moduleSources(root);
  const out = opts.outDir ?? defaultBuildDir(rel, root);
  // kmod/, generated/ and common/ side by side, as the Kbuild file expects.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(src.kmod, join(out, 'kmod'), {
    recursive: true,
    filter: (p) => !/\.(o|ko|mod|cmd|d)$|\.mod\.c$|Module\.symvers$|modules\.order$/.test(p),
  });
  cpSync(src.generated, join(out, 'generated'), { recursive: true });
  cpSync(src.common, join(out, 'common'), { recursive: true });
  const moduleDir = join(out, 'kmod');
  const jobs = `-j${Math.max(1, Math.min(4, availableParallelism()))}`;
  const r = spawnSync('make', [jobs, '-C', kdir, `M=${moduleDir}`, 'modules'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run make: ${r.error.message} (install make and gcc)`);
  if (r.status !== 0) {
    const lines = `${r.stdout}${r.stderr}`.split('\n');
    const firstError = lines.find((l) => /error|Error|ERROR/.test(l)) ?? lines.filter(Boolean).at(-1) ?? '';
    throw new Error(`building the kernel module failed: ${firstError.trim()}`);
  }
  const koPath = join(moduleDir, `${MODULE_NAME}.ko`);
  if (!existsSync(koPath)) throw new Error(`building the kernel module produced no ${koPath}`);
  return { koPath, kdir, release: rel };
}
