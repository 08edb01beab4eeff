#!/usr/bin/env node
// Generates the C and TypeScript event-schema tables from schema/*.json.
//
//   node tools/gen-schema.js           write every output file
//   node tools/gen-schema.js --check   exit 1 if a committed output differs
//
// The JSON in schema/ is the single source of truth; everything written here is
// derived, deterministic (no timestamps, stable ordering) and committed.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadSchema } from './gen-schema/load.js';
import { renderTypeScript } from './gen-schema/emit-ts.js';
import { renderScapHeader, renderScapSource } from './gen-schema/emit-scap.js';
import { renderDriverHeader } from './gen-schema/emit-driver.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function outputs(schema) {
  return [
    ['sinsp/generated/schema.ts', renderTypeScript(schema)],
    ['native/scap/generated/event_schema.h', renderScapHeader(schema)],
    ['native/scap/generated/event_schema.c', renderScapSource(schema)],
    ['native/driver/generated/ppm_events_gen.h', renderDriverHeader(schema)],
  ];
}

function main(argv) {
  const check = argv.includes('--check');
  let files;
  try {
    files = outputs(loadSchema(join(root, 'schema')));
  } catch (err) {
    // Schema errors (and emitter invariants) are one line, never a stack trace.
    process.stderr.write(`gen-schema: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  for (const [path, text] of files) {
    const full = join(root, path);
    if (check) {
      let current = null;
      try {
        current = readFileSync(full, 'utf8');
      } catch {
        current = null;
      }
      if (current !== text) {
        process.stderr.write(`gen-schema: ${path} is stale; run npm run gen\n`);
        return 1;
      }
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      process.stdout.write(`wrote ${relative(root, full)}\n`);
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
