// Loads the inspection engine (dist/sinsp/cli/inspect.js and everything it imports):
// from dist/sinspect.bundle.cjs, one script made by tools/bundle.js, when it matches
// the compiled modules; otherwise from the modules themselves. The bundle is compiled
// with V8's code cache (dist/sinspect.bundle.cjs.HASH.cache, written by the build's
// warm-up run) when there is one that this node accepts.
'use strict';

const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const distDir = join(__dirname, '..', 'dist') + '/';
const bundlePath = distDir + 'sinspect.bundle.cjs';
const FILES_TAG = '// sinspect-bundle-files ';
const HASH_TAG = '// sinspect-bundle-hash ';

/** the bundle's text, or undefined when there is none or a file it was made from changed */
function freshBundle() {
  let text;
  try {
    // tools/bundle.js makes the bundle ASCII only: latin1 is then exact, and cheaper
    // to decode than UTF-8 (the bundle is about a megabyte)
    text = readFileSync(bundlePath, 'latin1');
  } catch {
    return undefined;
  }
  const at = text.indexOf(FILES_TAG);
  if (at < 0) return undefined;
  const files = JSON.parse(text.slice(at + FILES_TAG.length, text.indexOf('\n', at)));
  for (const [id, size, mtime] of files) {
    const st = statSync(distDir + id, { throwIfNoEntry: false });
    if (st === undefined || st.size !== size || Math.round(st.mtimeMs) !== mtime) return undefined;
  }
  return text;
}

function loadBundle(text) {
  // the cache made for this very bundle (V8 itself checks only the length of the source)
  const at = text.indexOf(HASH_TAG);
  const hash = at < 0 ? 'none' : text.slice(at + HASH_TAG.length, text.indexOf('\n', at));
  const cachePath = `${bundlePath}.${hash}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(text, { filename: bundlePath, cachedData });
  if (process.env.SINSPECT_WRITE_CODE_CACHE === '1') {
    // tools/bundle.js's warm-up run: the cache then holds the functions this run compiled
    process.on('exit', () => writeFileSync(cachePath, script.createCachedData()));
  }
  const factory = script.runInThisContext();
  // files outside the bundle (chisels written in JS) are imported from here
  return factory(createRequire(bundlePath), distDir, (url) => import(url));
}

/** the exports of dist/sinsp/cli/inspect.js */
async function loadEngine() {
  const text = process.env.SINSPECT_NO_BUNDLE === '1' ? undefined : freshBundle();
  if (text !== undefined) return loadBundle(text);
  return import(pathToFileURL(distDir + 'sinsp/cli/inspect.js').href);
}

exports.loadEngine = loadEngine;
