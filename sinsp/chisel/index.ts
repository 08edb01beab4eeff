// The chisel engine's entry points, for the CLI (`-c NAME [ARGS]`, `-cl`, `-i NAME`).
//
//   const env: ChiselEnv = { fields, compileFilter, compileFormatter, state, ... };
//   const ch = await loadChisel('topfiles_bytes', undefined, env);   // at -c parse time
//   const set = new ChiselSet([ch]);
//   set.init();               // before opening the capture (on_init; may set the global filter)
//   ...open the capture...
//   set.captureStart();       // on_capture_start
//   per event that passed the global filter:   if (!set.event(ev)) stop reading
//   per event the global filter dropped:       set.filtered(ev)   (interval callbacks only)
//   set.end();                // on_capture_end, flush output (also after errors)
//
// Every failure is a ChiselError with a one-line message (print it, exit 1), or a
// ChiselExit (the chisel called os.exit: flush and exit with .code).
import type { Event } from '../event/event.js';
import { Chisel, type ChiselInfo, type ChiselIo, type ImplFactory } from './chisel.js';
import { chiselDirs, findChisel } from './dirs.js';
import type { ChiselEnv, OutputSink } from './env.js';
import { ChiselError, ChiselExit } from './errors.js';
import { importJsChisel, importedJsChisel, JsChiselImpl } from './js-chisel.js';
import { LuaChiselImpl } from './lua-chisel.js';
import { FdSink } from './output.js';
import { scanChiselFiles, formatChiselList, formatChiselInfo } from './catalog.js';
import { cachedCatalog, catalogKey, storeCatalog } from './catalog-cache.js';
import { ChiselRuntime } from './runtime.js';
import { chiselArgTokens } from './args.js';

export { Chisel, ChiselError, ChiselExit, chiselArgTokens, chiselDirs };
export type { ChiselEnv, OutputSink, ChiselInfo };
export { splitChiselArgs } from './args.js';
export type { ChiselArgDesc } from './args.js';
export type { ChiselApi, ChiselHooks, JsChiselModule } from './js-chisel.js';
export { MemorySink, FdSink } from './output.js';
export { DEFAULT_OUTPUT_FORMAT } from './runtime.js';

let stdoutSink: FdSink | undefined;
let stderrSink: FdSink | undefined;

/** The buffered stdout every chisel shares unless the env gives its own. */
export function defaultStdout(): FdSink {
  return (stdoutSink ??= new FdSink(1));
}
function defaultStderr(): FdSink {
  return (stderrSink ??= new FdSink(2));
}

function ioFor(env: Partial<ChiselEnv>): ChiselIo {
  return { stdout: env.stdout ?? defaultStdout(), stderr: env.stderr ?? defaultStderr() };
}

function makeFactory(env: ChiselEnv, io: ChiselIo, dirs: string[]): ImplFactory {
  return (name, rt) => {
    const found = findChisel(name, dirs);
    if (!found) throw new ChiselError(`chisel ${name} not found - use -cl to list them.`);
    if (found.kind === 'js') {
      const mod = importedJsChisel(found.path);
      if (!mod) throw new ChiselError(`chisel ${name}: a JavaScript chisel must be loaded with -c before chisel.exec() can run it`);
      return new JsChiselImpl(name, found.path, mod, rt, io);
    }
    return new LuaChiselImpl(name, found.path, rt, io, dirs);
  };
}

/** Load the chisel NAME (or path to a .lua/.js file) without giving it arguments yet. */
export async function openChisel(nameOrPath: string, env: ChiselEnv): Promise<Chisel> {
  const dirs = env.dirs ?? chiselDirs();
  const found = findChisel(nameOrPath, dirs);
  if (!found) throw new ChiselError(`chisel ${nameOrPath} not found - use -cl to list them.`);
  if (found.kind === 'js') await importJsChisel(found.path, nameOrPath);
  const io = ioFor(env);
  return new Chisel(nameOrPath.trim(), env, io, makeFactory(env, io, dirs));
}

/**
 * Load the chisel NAME (or path to a .lua/.js file) and give it its arguments.
 * `args`: the command-line token after the name (split as sysdig does: spaces, '...' quotes),
 * or values already split, or undefined when the CLI consumed no token (see chiselArgTokens).
 */
export async function loadChisel(
  nameOrPath: string,
  args: string | string[] | undefined,
  env: ChiselEnv,
): Promise<Chisel> {
  const chisel = await openChisel(nameOrPath, env);
  try {
    if (args !== undefined) chisel.setArgs(args);
    else if (chisel.nRequiredArgs > 0) throw new ChiselError(`missing arguments for chisel ${nameOrPath}`);
  } catch (e) {
    chisel.close();
    throw e;
  }
  return chisel;
}

/** An environment for reading chisel descriptions only: the API is unusable there. */
function listingEnv(dirs: string[]): ChiselEnv {
  const unavailable = (): never => {
    throw new ChiselError('not available while listing chisels');
  };
  return {
    fields: { classes: [], scan: () => undefined, resolve: unavailable },
    compileFilter: unavailable,
    compileFormatter: unavailable,
    state: unavailable,
    isLive: false,
    inputFile: '',
    dirs,
  };
}

/** Descriptions of every listable chisel (what -cl shows), in lookup order. */
export async function chiselCatalog(dirs: string[] = chiselDirs()): Promise<ChiselInfo[]> {
  const key = catalogKey(dirs);
  const cached = cachedCatalog(key);
  if (cached) return cached;
  const list = await listEveryChisel(dirs);
  storeCatalog(key, list);
  return list;
}

/** every listed chisel of dirs, each loaded to read its description and arguments */
async function listEveryChisel(dirs: string[]): Promise<ChiselInfo[]> {
  const env = listingEnv(dirs);
  // chisels print nothing while being listed
  const quiet: OutputSink = { write() {}, flush() {} };
  const io: ChiselIo = { stdout: quiet, stderr: quiet };
  const out: ChiselInfo[] = [];
  for (const entry of scanChiselFiles(dirs)) {
    try {
      const rt = new ChiselRuntime(env, entry.name);
      if (entry.kind === 'lua') {
        const impl = new LuaChiselImpl(entry.name, entry.path, rt, io, dirs);
        const view = impl.isView();
        impl.close();
        if (view || !impl.info.shortDescription || impl.info.hidden) continue;
        out.push(impl.info);
      } else {
        const mod = await importJsChisel(entry.path, entry.name);
        if (!mod.description || !mod.short_description || mod.hidden) continue;
        out.push(new JsChiselImpl(entry.name, entry.path, mod, rt, io).info);
      }
    } catch {
      // like sysdig, chisels that fail to load are not listed
    }
  }
  return out;
}

/** The text of -cl. */
export async function listChisels(dirs?: string[]): Promise<string> {
  return formatChiselList(await chiselCatalog(dirs), true);
}

/** The text of -i NAME; throws ChiselError when no listed chisel has that name. */
export async function describeChisel(name: string, dirs?: string[]): Promise<string> {
  const info = (await chiselCatalog(dirs)).find((c) => c.name === name);
  if (!info) throw new ChiselError(`chisel ${name} not found - use -cl to list them.`);
  return formatChiselInfo(info);
}

/** Several chisels run together (-c can be given more than once), in command-line order. */
export class ChiselSet {
  constructor(readonly chisels: Chisel[]) {}

  get size(): number {
    return this.chisels.length;
  }

  init(): void {
    for (const c of this.chisels) c.init();
  }

  captureStart(): void {
    for (const c of this.chisels) c.captureStart();
  }

  /** An event that passed the capture filter. Returns false when a chisel ended the capture. */
  event(ev: Event): boolean {
    const cs = this.chisels;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      c.onEvent(ev);
      if (c.endRequested) return false;
    }
    return true;
  }

  /** An event the capture filter dropped: chisels still see time pass (interval callbacks). */
  filtered(ev: Event): void {
    for (const c of this.chisels) c.timeout(ev);
  }

  /**
   * End of capture: on_capture_end for every chisel, then flush. The first failure is
   * thrown after every chisel had its turn.
   */
  end(): void {
    let first: unknown;
    for (const c of this.chisels) {
      try {
        c.captureEnd();
      } catch (e) {
        first ??= e;
      }
    }
    this.flush();
    if (first !== undefined) throw first;
  }

  /** sysdig.run_app() arguments of the last chisel that asked for another run. */
  get nextRunArgs(): string | undefined {
    let r: string | undefined;
    for (const c of this.chisels) r = c.nextRunArgs ?? r;
    return r;
  }

  flush(): void {
    stdoutSink?.flush();
    stderrSink?.flush();
    for (const c of this.chisels) c.rt.env.stdout?.flush();
  }

  close(): void {
    for (const c of this.chisels) c.close();
  }
}
