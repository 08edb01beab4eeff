#!/usr/bin/env node
// The build's warm-up run: loads the engine the way bin/run.js does and runs the common
// jobs once each on the bundled example trace (filters, the default output, -p, -j, Lua
// chisels, -cl), all in this one process, so that V8's code caches written at exit (the
// bundle's, Fengari's: SINSPECT_WRITE_CODE_CACHE=1) hold the code of every function
// those jobs compiled, and the compiled Lua chunks of every chisel found are kept. Run
// by tools/bundle.js; prints nothing (stdout is discarded).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../bin/load-engine.js';
import { chiselDirs, findChisel } from '../dist/sinsp/chisel/dirs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const trace = join(root, 'examples', 'sinspect-demo.scap');

export const WARM_UP_RUNS = [
  ['-r', trace, 'proc.name!=sinspect-warm-up and evt.type!=switch'],
  ['-r', trace, '-p', '%evt.num %proc.name %fd.name', 'evt.type=read and fd.type=file'],
  ['-r', trace, '-j', 'evt.type in (open, openat, connect)'],
  ['-r', trace, '-c', 'topfiles_bytes'],
  ['-r', trace, '-c', 'topprocs_cpu'],
  ['-r', trace, '-c', 'spy_users'],
  // loads every chisel it finds: their compiled Lua chunks are kept (lua-chunk-cache.ts)
  ['-cl'],
];

// a chisel that is not installed (sysdig's, when sysdig is not) is just not warmed up
const dirs = chiselDirs();
const runnable = WARM_UP_RUNS.filter((args) => {
  const c = args.indexOf('-c');
  return c < 0 || findChisel(args[c + 1], dirs) !== undefined;
});

const { runInspect } = await loadEngine();
for (const args of runnable) {
  const code = await runInspect(args);
  if (code !== 0) {
    process.stderr.write(`warm-up: sinspect ${args.slice(2).join(' ')} exited with ${code}\n`);
    process.exitCode = 1;
  }
}
