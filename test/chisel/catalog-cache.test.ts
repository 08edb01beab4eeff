// The chisel catalog kept between runs (sinsp/chisel/catalog-cache.ts): its key follows
// every file of the chisel directories, only the build's warm-up writes it, a kept
// catalog is what -cl then lists, and a damaged one is listed again.
import test from 'ava';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedCatalog, catalogKey, setCatalogCacheDir, storeCatalog } from '../../sinsp/chisel/catalog-cache.js';
import { chiselCatalog } from '../../sinsp/chisel/index.js';
import type { ChiselInfo } from '../../sinsp/chisel/chisel.js';
import { WRITE_ENV } from '../../sinsp/code-cache.js';

const CHISEL = (short: string) =>
  `description = "long"; short_description = "${short}"; category = "Test"; args = {}\nfunction on_event() return true end\n`;

function scratch(): { dir: string; cache: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-catalog-')) + '/';
  const cache = mkdtempSync(join(tmpdir(), 'sinspect-catalog-cache-'));
  return { dir, cache, done: () => [dir, cache].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

function writing<T>(f: () => T): T {
  process.env[WRITE_ENV] = '1';
  try {
    return f();
  } finally {
    delete process.env[WRITE_ENV];
  }
}

test.serial('the key follows every file of the directories', (t) => {
  const s = scratch();
  try {
    writeFileSync(s.dir + 'a.lua', CHISEL('a'));
    const k1 = catalogKey([s.dir]);
    t.is(catalogKey([s.dir]), k1, 'nothing changed');
    writeFileSync(s.dir + 'common.lua', 'return {}\n');
    const k2 = catalogKey([s.dir]);
    t.not(k2, k1, 'a file added (a module too: chisels require them)');
    writeFileSync(s.dir + 'a.lua', CHISEL('b'));
    utimesSync(s.dir + 'a.lua', new Date(1_000_000), new Date(1_000_000));
    t.not(catalogKey([s.dir]), k2, 'a file edited');
    t.not(catalogKey([s.dir, '/nonexistent/']), catalogKey(['/nonexistent/', s.dir]), 'the order of the directories');
  } finally {
    s.done();
  }
});

test.serial('only the warm-up writes it; -cl lists the kept catalog; a damaged one is listed again', async (t) => {
  const s = scratch();
  setCatalogCacheDir(s.cache);
  try {
    writeFileSync(s.dir + 'real.lua', CHISEL('the real one'));
    const key = catalogKey([s.dir]);
    const fake: ChiselInfo[] = [{ name: 'kept', path: s.dir + 'kept.lua', description: 'd', shortDescription: 'kept', category: 'Test', args: [], hidden: false }];
    storeCatalog(key, fake);
    t.is(cachedCatalog(key), undefined, 'an ordinary run writes nothing');
    writing(() => storeCatalog(key, fake));
    t.deepEqual(await chiselCatalog([s.dir]), fake, 'the kept catalog, not a new listing');
    writeFileSync(join(s.cache, `chisel-catalog-${key}.json`), '{ damaged');
    t.deepEqual(
      (await chiselCatalog([s.dir])).map((c) => c.shortDescription),
      ['the real one'],
    );
    // a warm-up run lists and keeps what it found
    process.env[WRITE_ENV] = '1';
    let listed: ChiselInfo[];
    try {
      listed = await chiselCatalog([s.dir]);
    } finally {
      delete process.env[WRITE_ENV];
    }
    t.deepEqual(cachedCatalog(key), listed);
  } finally {
    setCatalogCacheDir(undefined);
    s.done();
  }
});
