#!/usr/bin/env node
// Bundles the compiled inspection engine (dist/sinsp, ES modules) into one script,
// dist/sinspect.bundle.cjs, that bin/run.js loads instead of the module graph.
//
// Why: every run of `sinspect -r ...` loads about ninety modules before it reads an
// event. Node 20 resolves, reads (asynchronously, one level of the graph at a time)
// and compiles each one separately, which costs as much as reading a million events.
// One script is read and compiled in one go, and V8 can keep its code in a cache
// (tools/bundle-cache.js writes it after a warm-up run).
//
// How: each module is turned into a CommonJS-style factory by TypeScript's own
// ES-module-to-CommonJS transform (live bindings, export forms, hoisting), with two
// changes made first: `import.meta` becomes the module's own meta object (so a module
// sees the URL of its file in dist/, as it would unbundled) and `import()` calls go
// through the bundle (modules in it come from it; anything else, e.g. a chisel file,
// is imported for real). The bundle also lists the size and mtime of each file it was
// made from; bin/run.js ignores a bundle that no longer matches dist/ (a `tsc` without
// `npm run build`).
//
//   node tools/bundle.js        (run by `npm run build:ts`, after tsc)
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const ENTRY = 'sinsp/cli/inspect.js';
export const BUNDLE = join(dist, 'sinspect.bundle.cjs');

/** specifiers of the static imports/re-exports and the literal import() calls of a module */
function dependencies(source, file) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (!(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly)) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const isRelative = (spec) => spec.startsWith('./') || spec.startsWith('../');

/** every module reachable from the entry, in a stable order */
function collect() {
  const seen = new Map();
  const queue = [ENTRY];
  while (queue.length > 0) {
    const id = queue.shift();
    if (seen.has(id)) continue;
    const source = readFileSync(join(dist, id), 'utf8');
    seen.set(id, source);
    for (const spec of dependencies(source, id)) {
      if (isRelative(spec)) queue.push(posix.normalize(posix.join(posix.dirname(id), spec)));
    }
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Before TypeScript's module transform: import.meta -> __meta, import(x) -> __import(x),
 * and relative specifiers (static and literal dynamic ones) -> the bundle ids they name,
 * so that the runtime looks a required module up instead of resolving a path.
 */
function bundleHooks(id) {
  const toId = (spec) => (isRelative(spec) ? posix.normalize(posix.join(posix.dirname(id), spec)) : spec);
  return (context) => {
    const f = context.factory;
    const visit = (node) => {
      if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
        return f.createIdentifier('__meta');
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const args = node.arguments.map((a) => (ts.isStringLiteral(a) ? f.createStringLiteral(toId(a.text)) : ts.visitNode(a, visit)));
        return f.createCallExpression(f.createIdentifier('__import'), undefined, args);
      }
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isRelative(node.moduleSpecifier.text)) {
        return f.updateImportDeclaration(node, node.modifiers, node.importClause, f.createStringLiteral(toId(node.moduleSpecifier.text)), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && isRelative(node.moduleSpecifier.text)) {
        return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, f.createStringLiteral(toId(node.moduleSpecifier.text)), node.attributes);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sf) => ts.visitNode(sf, visit);
  };
}

// names the factory's parameters take: a module declaring one of them could not be bundled
const RESERVED = /\b(?:const|let|var|function|class)\s+(require|exports|module|__meta|__import)\b/;

function toFactory(id, source) {
  const clash = RESERVED.exec(source);
  if (clash) throw new Error(`bundle: ${id} declares \`${clash[1]}\`, which the bundle reserves: rename it`);
  const out = ts.transpileModule(source, {
    fileName: id.replace(/\.js$/, '.ts'),
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      removeComments: true,
      sourceMap: false,
    },
    transformers: { before: [bundleHooks(id)] },
    reportDiagnostics: false,
  });
  const body = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  // bin/load-engine.js reads the bundle as latin1 (cheaper than UTF-8 decoding): that is
  // exact only for ASCII text
  const wide = /[^\x00-\x7f]/.exec(body);
  if (wide) throw new Error(`bundle: ${id} has a non-ASCII character (${JSON.stringify(wide[0])}): write it as a \\u escape`);
  return `${JSON.stringify(id)}: function (exports, require, module, __meta, __import) {\n${body}},\n`;
}

// The runtime: the bundle evaluates to a function of (the real require, dist's path, an
// import() made in an ES module) that returns the entry module's exports. import() itself
// is not used in the bundle: a script compiled with V8's code cache loses its dynamic
// import callback.
const RUNTIME = `
  const { join } = nodeRequire('node:path');
  const { pathToFileURL } = nodeRequire('node:url');
  const cache = Object.create(null);
  // a module's import.meta: only its url, made when asked for (few modules ask)
  const metaOf = (id) => ({
    get url() {
      return pathToFileURL(join(distDir, id)).href;
    },
  });
  function load(id) {
    const hit = cache[id];
    if (hit !== undefined) return hit.exports;
    const factory = factories[id];
    if (factory === undefined) throw new Error('sinspect bundle: no module ' + id);
    const module = { exports: {} };
    cache[id] = module;
    // relative specifiers were turned into bundle ids when the bundle was made
    const req = (spec) => (factories[spec] !== undefined ? load(spec) : nodeRequire(spec));
    const dynImport = (spec) => {
      const s = String(spec);
      if (factories[s] !== undefined) return Promise.resolve().then(() => load(s));
      return esmImport(s.startsWith('sinsp/') ? pathToFileURL(join(distDir, s)).href : s);
    };
    factory.call(module.exports, module.exports, req, module, metaOf(id), dynImport);
    return module.exports;
  }
  return load(ENTRY);
`;

export function buildBundle() {
  const modules = collect();
  const files = modules.map(([id]) => {
    const st = statSync(join(dist, id));
    return [id, st.size, Math.round(st.mtimeMs)];
  });
  let body = '(function (nodeRequire, distDir, esmImport) {\n"use strict";\n';
  body += `const ENTRY = ${JSON.stringify(ENTRY)};\nconst factories = {\n`;
  for (const [id, source] of modules) body += toFactory(id, source);
  body += '};\n' + RUNTIME + '})\n';
  // V8 checks a code cache against the source's length only: the cache's file name
  // carries this hash of the bundle, so that no cache of another bundle is ever used
  const hash = createHash('sha1').update(body).digest('hex').slice(0, 20);
  let text = '// Generated by tools/bundle.js from dist/sinsp: do not edit.\n';
  text += `// sinspect-bundle-files ${JSON.stringify(files)}\n`;
  text += `// sinspect-bundle-hash ${hash}\n`;
  text += body;
  for (const f of readdirSync(dist)) if (/^sinspect\.bundle\.cjs\..*cache$/.test(f)) rmSync(join(dist, f));
  writeFileSync(BUNDLE, text);
  return { modules: modules.length, bytes: text.length };
}

/**
 * Fengari's modules as one script with sinspect's edits applied (see
 * sinsp/chisel/fengari-bundle.ts): what a chisel run loads instead of ~40 modules.
 */
export async function buildFengariBundle() {
  const { applyPatches, patchesFingerprint, renderFengariBundle, FENGARI_BUNDLE } = await import(
    join(dist, 'sinsp', 'chisel', 'fengari-bundle.js')
  );
  const { SOURCE_PATCHES } = await import(join(dist, 'sinsp', 'chisel', 'fengari-patches', 'index.js'));
  const require = createRequire(join(root, 'package.json'));
  const srcDir = dirname(require.resolve('fengari/src/fengari.js'));
  const version = require('fengari/package.json').version;
  const files = new Map();
  const applied = new Set();
  for (const name of readdirSync(srcDir)) {
    if (!name.endsWith('.js')) continue;
    const edited = applyPatches(SOURCE_PATCHES, name, readFileSync(join(srcDir, name), 'utf8'));
    for (const why of edited.applied) applied.add(why);
    files.set(name, edited.content);
  }
  const header = { version, patches: patchesFingerprint(SOURCE_PATCHES), applied: [...applied].sort() };
  writeFileSync(join(dist, FENGARI_BUNDLE), renderFengariBundle(header, files));
  return files.size;
}

/**
 * V8's code caches for the bundle and for Fengari (dist/code-cache), from a warm-up run
 * (tools/warm-up.js) of the common jobs on the bundled example trace: the caches then
 * hold the code of every function those jobs compiled, which later runs need not
 * compile again. Needs the native addon; without it (a TypeScript-only build) there is
 * no cache, and no harm.
 */
export function buildCodeCache() {
  rmSync(join(dist, 'code-cache'), { recursive: true, force: true });
  if (!existsSync(join(root, 'build', 'scap', 'Release', 'sinspect_scap.node'))) return 'the native addon is not built';
  const r = spawnSync(process.execPath, [join(root, 'tools', 'warm-up.js')], {
    env: { ...process.env, SINSPECT_WRITE_CODE_CACHE: '1' },
    // not the package's directory: chisel modules would then be found through the
    // relative ./chisels entry of the Lua path, and their compiled chunks named so
    cwd: tmpdir(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) return 'the warm-up run failed';
  return readdirSync(dist).some((f) => /^sinspect\.bundle\.cjs\..*cache$/.test(f)) ? undefined : 'the warm-up wrote none';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { modules, bytes } = buildBundle();
  const fengariModules = await buildFengariBundle();
  const noCache = buildCodeCache();
  console.log(
    `bundle: ${modules} modules, ${(bytes / 1024).toFixed(0)} KiB -> ${BUNDLE.slice(root.length + 1)}; ` +
      `Fengari: ${fengariModules} modules -> dist/fengari.bundle.cjs` +
      (noCache === undefined ? ' (with code caches)' : ` (no code cache: ${noCache})`),
  );
}
