// What goes into the guest: sinspect.ko built against the guest kernel's
// headers, and the static sinspect-vmtest program built from the addon's C
// sources (the kmod engine, and the eBPF engine when the probe's skeleton has
// been built by `npm run build:native`).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './sh.js';

const SCAP_SOURCES = [
  'engine_kmod.c',
  'engine_kmod_ring.c',
  'savefile_writer.c',
  'direct_output.c',
  'meta_writer.c',
  'block_builder.c',
  'event_encoder.c',
  'capture_meta.c',
];
// the /proc scanner of the addon gives the capture its initial state
const isProcscan = (f) => /^procscan.*\.c$/.test(f);
const BPF_SOURCES = ['engine_bpf.c', 'engine_bpf_rings.c'];

/** Builds the module with the same kbuild logic as `sinspect driver build`. */
export async function buildGuestModule(root, kdir, abi, outDir) {
  const { buildModule } = await import(join(root, 'dist', 'sinsp', 'driver', 'kbuild.js'));
  return buildModule({ kdir, release: abi, outDir, root }).koPath;
}

/** The skeleton directory of the probe build, when it exists. */
export function probeBuildDir(root) {
  const dir = join(root, 'build', 'scap', 'bpf');
  return existsSync(join(dir, 'sinspect_probe.skel.h')) ? dir : undefined;
}

/** Links sinspect-vmtest statically; returns { path, bpf } (bpf: built with the probe). */
export function buildGuestProgram(root, outDir) {
  const src = join(root, 'native', 'scap', 'src');
  const guest = join(root, 'tools', 'vm', 'guest');
  const bpfDir = probeBuildDir(root);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'sinspect-vmtest');
  const sources = [
    ...readdirSync(guest).filter((f) => f.endsWith('.c')).map((f) => join(guest, f)),
    ...SCAP_SOURCES.map((f) => join(src, f)),
    ...readdirSync(src).filter(isProcscan).map((f) => join(src, f)),
    ...readdirSync(join(root, 'native', 'scap', 'generated'))
      .filter((f) => f.endsWith('.c'))
      .map((f) => join(root, 'native', 'scap', 'generated', f)),
  ];
  const args = ['-static', '-O2', '-std=gnu11', '-Wall', `-I${src}`, `-I${join(root, 'native', 'scap', 'generated')}`];
  const libs = ['-lz'];
  if (bpfDir) {
    sources.push(...BPF_SOURCES.map((f) => join(src, f)));
    args.push('-DVMTEST_BPF', `-I${bpfDir}`, `-I${join(root, 'native', 'driver', 'bpf', 'shared')}`,
      `-I${join(root, 'native', 'driver', 'generated')}`, `-I${join(root, 'native', 'driver', 'bpf')}`);
    libs.unshift('-lbpf', '-lelf');
  }
  run('gcc', [...args, '-o', out, ...sources, ...libs], { what: 'build the static guest program sinspect-vmtest' });
  return { path: out, bpf: Boolean(bpfDir) };
}
