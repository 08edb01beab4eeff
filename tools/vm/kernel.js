// The guest kernel: Debian's current linux-image-amd64 ABI, resolved at run time
// (never pinned), its vmlinuz extracted from the package, and the matching
// linux-headers tree for building the module.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './sh.js';

/** The ABI package linux-image-amd64 depends on today, e.g. linux-image-6.1.0-56-amd64. */
export function currentImagePackage() {
  const out = execFileSync('apt-cache', ['depends', 'linux-image-amd64'], { encoding: 'utf8' });
  const m = /Depends:\s*(linux-image-[0-9][^\s]*-amd64)/.exec(out);
  if (!m) throw new Error('cannot find the kernel ABI package in `apt-cache depends linux-image-amd64`');
  return m[1];
}

/** "6.1.0-56-amd64" from "linux-image-6.1.0-56-amd64". */
export function abiOf(imagePackage) {
  return imagePackage.replace(/^linux-image-/, '');
}

/** Downloads the image package once and extracts boot/vmlinuz-<abi>; returns its path. */
export function ensureVmlinuz(imagePackage, cacheDir) {
  const abi = abiOf(imagePackage);
  const dir = join(cacheDir, abi);
  const vmlinuz = join(dir, 'boot', `vmlinuz-${abi}`);
  if (existsSync(vmlinuz)) return vmlinuz;
  const dl = join(cacheDir, 'download');
  rmSync(dl, { recursive: true, force: true });
  mkdirSync(dl, { recursive: true });
  run('apt-get', ['download', imagePackage], { cwd: dl, what: `download ${imagePackage}` });
  const deb = readdirSync(dl).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${imagePackage} produced no .deb`);
  mkdirSync(dir, { recursive: true });
  run('dpkg-deb', ['-x', join(dl, deb), dir], { what: `extract ${deb}` });
  rmSync(dl, { recursive: true, force: true });
  if (!existsSync(vmlinuz)) throw new Error(`${deb} holds no boot/vmlinuz-${abi}`);
  return vmlinuz;
}

/** The kbuild tree for abi, installing linux-headers-<abi> when it is missing. */
export function ensureHeaders(abi) {
  const kdir = `/usr/src/linux-headers-${abi}`;
  if (existsSync(join(kdir, 'Makefile'))) return kdir;
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', `linux-headers-${abi}`], {
    what: `install linux-headers-${abi}`,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(join(kdir, 'Makefile'))) throw new Error(`linux-headers-${abi} installed no ${kdir}`);
  return kdir;
}
