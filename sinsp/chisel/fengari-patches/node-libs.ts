// Fengari's debug and os libraries load Node packages as they load: readline-sync (for
// debug.debug's prompt), tmp and child_process (for os.tmpname and os.execute). Those
// cost about 7 ms of every chisel run; these edits load them on first use instead.
// Its io library takes process.stdin for io.stdin, and Node makes that stream (and
// loads its stream modules, about 3 ms) on first access: io.stdin now reaches it only
// when a chisel uses it (Fengari's io cannot read, so few ever do).
import type { SourcePatch } from './types.js';

export const NODE_LIB_PATCHES: SourcePatch[] = [
  {
    file: 'liolib.js',
    why: 'process.stdin is made when io.stdin is first used',
    find: /createstdfile\(L, process\.stdin, IO_INPUT,/,
    replace: `createstdfile(L, new Proxy({}, {
        get(_, k) {
            const v = process.stdin[k];
            return typeof v === 'function' ? v.bind(process.stdin) : v;
        },
    }), IO_INPUT,`,
  },
  {
    file: 'ldblib.js',
    why: 'readline-sync loads when debug.debug first prompts',
    find: /const readlineSync = require\('readline-sync'\);\n\s*readlineSync\.setDefaultOptions\(\{\n\s*prompt: 'lua_debug> '\n\s*\}\);\n\s*getinput = function\(\) \{\n\s*return readlineSync\.prompt\(\);\n\s*\};/,
    replace: `let readlineSync;
    getinput = function() {
        if (readlineSync === undefined) {
            readlineSync = require('readline-sync');
            readlineSync.setDefaultOptions({ prompt: 'lua_debug> ' });
        }
        return readlineSync.prompt();
    };`,
  },
  {
    file: 'loslib.js',
    why: 'tmp and child_process load when os.tmpname and os.execute first run',
    find: /const tmp = require\('tmp'\);\n(\s*)const child_process = require\('child_process'\);/,
    replace: `const lazyTmp = { get tmpNameSync() { return require('tmp').tmpNameSync; } };
$1const lazyChildProcess = { get execSync() { return require('child_process').execSync; } };`,
  },
  {
    // the uses of the two names above (after it: it expects the lazy objects)
    file: 'loslib.js',
    why: 'os.tmpname and os.execute call through the lazy loaders',
    find: /\btmp\.tmpNameSync\(\)|\bchild_process\.execSync\(/g,
    replace: (m: string) => (m.startsWith('tmp') ? 'lazyTmp.tmpNameSync()' : 'lazyChildProcess.execSync('),
  },
];
