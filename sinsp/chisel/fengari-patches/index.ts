// Edits to Fengari's sources, applied by fengari.ts as Node compiles them. Fengari is a
// faithful port of C Lua, but it allocates where C Lua reuses memory, builds some keys
// slowly and leaves V8 guessing in its hottest loops; chisels call into it several times
// per event, so these costs decide a chisel's speed. Each edit names the text it expects
// (the package is pinned) and the chisel tests check that every one applied.
//
// The edits apply in this order, each to the text the previous ones left. Within a file
// later edits may expect earlier ones (noted where they do); the VM loop's rewrite comes
// last.
import { LOADFILE_PATCHES } from './loadfile.js';
import { NODE_LIB_PATCHES } from './node-libs.js';
import { STACK_PATCHES } from './stack.js';
import { STRING_PATCHES } from './strings.js';
import { TABLE_PATCHES } from './tables.js';
import { VM_PATCHES } from './vm.js';
import type { SourcePatch } from './types.js';

export type { SourcePatch } from './types.js';

export const SOURCE_PATCHES: SourcePatch[] = [
  ...NODE_LIB_PATCHES,
  ...LOADFILE_PATCHES,
  ...STACK_PATCHES,
  ...STRING_PATCHES,
  ...TABLE_PATCHES,
  ...VM_PATCHES,
];
