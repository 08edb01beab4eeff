#!/bin/sh
":" //; n=$(nproc 2>/dev/null || echo 4); p=$((n > 4 ? 4 : n > 1 ? n - 1 : 1)); exec node --v8-pool-size=$p "$0" "$@"
// (The two lines above: run directly (./bin/run.js, or `sinspect` through npm's link),
// this file starts as a shell script that runs node on itself with V8's pool of worker
// threads sized to the machine: one fewer than its cores, at most node's default of
// four. Those threads compile hot functions and help the garbage collector; on a
// two-core machine four of them take turns with the JS thread and the read-ahead
// thread, and one keeps the JS thread on its core (3-5% faster). For node the second
// line is a string and a comment; `node bin/run.js` skips all this.)
// sinspect's entry point. Subcommands (`sinspect driver build`, `sinspect inspect ...`)
// go through oclif. The main command line (sysdig's: `sinspect -r trace.scap ...`) goes
// straight to the inspect command's implementation: loading and configuring oclif costs
// 130-150 ms of CPU, as much as reading a million events, on every run; and oclif's flag
// parser and --help handling could not take sysdig's -pc, -cl or a filter mixed with
// options anyway (commands/inspect.ts passes its argv through the same way).
//
// This file and load-engine.js are CommonJS (bin/package.json): Node's ES module loader
// costs a run about 10 ms before the first line of sinspect executes (it reads the
// entry through fs/promises and builds an ES facade of node:fs, which loads streams).
'use strict';

const SUBCOMMANDS = new Set(['driver', 'inspect']);
const argv = process.argv.slice(2);

async function main() {
  if (SUBCOMMANDS.has(argv[0])) {
    const { flush, handle, run } = await import('@oclif/core');
    try {
      // the package's root: oclif reads its package.json (this directory's has no name)
      await run(argv, require('node:path').join(__dirname, '..'));
      await flush();
    } catch (error) {
      await handle(error);
    }
    return;
  }
  const { runInspect } = await require('./load-engine.js').loadEngine();
  process.exitCode = await runInspect(argv);
}

main();
