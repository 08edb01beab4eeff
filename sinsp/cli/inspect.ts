// `sinspect [options] [filter]`: sysdig's main loop. Open the source, build the state
// engine, the field registry, the filter and the formatter, then walk the events:
// chisels, summary counting, or printing, exactly in sysdig's order.
import { parseInspectArgs, UsageError, type InspectOptions } from './options.js';
import { VERSION } from './version.js';
import { OutputSink } from '../output/sink.js';
import { EventFormatter, FormatError, unescapeFormat } from '../output/formatter.js';
import { openSource, type EventSource } from '../capture/open.js';
import { Inspector } from '../inspector.js';
import { State } from '../state/state.js';
import { setTableOrderTracking } from '../state/unordered-map-order.js';
import { createRegistry } from '../fields/registry.js';
import { compileFilter } from '../filter/compiler.js';
import { FieldError, type BufferFormat, type FieldContext } from '../fields/types.js';
import type { Event } from '../event/event.js';
import type { ChiselRunner } from '../chisel/runner.js';
import { EC, EF } from '../generated/schema.js';
import type { CaptureCounters } from '../output/capture-stats.js';
import { liveWithoutJs, nativeRecorder, recordLive } from './record-live.js';

/** the record flag of events a -F dump keeps for their state changes only (SCAP_DF_STATE_ONLY) */
const DF_STATE_ONLY = 1;

/** Run the command line; resolve to the process exit code. Never throws. */
export async function runInspect(argv: string[]): Promise<number> {
  const out = new OutputSink(1, false);
  try {
    const code = await inspect(argv, out);
    out.flush();
    return code;
  } catch (e) {
    out.flush();
    process.stderr.write(`${errorLine(e)}\n`);
    return 1;
  }
}

function errorLine(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0] ?? String(e);
  return String(e);
}

/** -j turns the buffer format into its JSON flavour, as sysdig does */
function jsonBufferFormat(f: BufferFormat, json: boolean): BufferFormat {
  if (!json) return f;
  return f === 'normal' ? 'json' : f;
}

async function inspect(argv: string[], out: OutputSink): Promise<number> {
  const opts = parseInspectArgs(argv);
  if (opts.help) {
    const { USAGE } = await import('./help.js');
    out.write(USAGE);
    return 0;
  }
  if (opts.version) {
    out.line(`sinspect version ${VERSION}`);
    return 0;
  }
  if (opts.printFormat) {
    out.line(opts.format);
    return 0;
  }
  // what only some runs need is imported when they need it: every module costs startup time
  if (opts.listEvents) {
    const { listEvents } = await import('../output/list-events.js');
    out.write(listEvents());
    return 0;
  }

  const ctxOptions: FieldContext['options'] = {
    bufferFormat: jsonBufferFormat(opts.bufferFormat, opts.json),
    timeMode: opts.timeMode,
    // sysdig shortens long arguments only for its own printing, not for chisels
    verbose: opts.verbose || opts.chisels.length > 0,
  };

  if (opts.listFields) {
    const registry = createRegistry({ state: new State(), options: ctxOptions });
    const { listFields } = await import('../fields/list.js');
    out.write(listFields(registry, { verbose: opts.verbose, markdown: opts.listMarkdown }));
    return 0;
  }

  // the chisel engine (Fengari and the Lua runtime) loads only when chisels are used
  const chisels = opts.chisels.length > 0 || opts.listChisels || opts.chiselInfo !== undefined ? await loadChiselRunner() : undefined;
  if (opts.listChisels) {
    out.write(await chisels!.list());
    return 0;
  }
  if (opts.chiselInfo !== undefined) {
    out.write(await chisels!.describe(opts.chiselInfo));
    return 0;
  }

  // libsinsp's table order is for the chisel API's thread tables only
  setTableOrderTracking(chisels !== undefined && chisels.mayReadThreadTable(opts.chisels.map((c) => c.name)));
  const source: EventSource = await openSource(opts);
  if (nothingObservesEvents(opts)) return drain(source);
  const withoutJs = liveWithoutJs(opts);
  if (withoutJs !== undefined) {
    const recorder = await nativeRecorder(source);
    if (recorder) return recordLive(recorder, opts, withoutJs);
  }
  const inspector = new Inspector(source, { ...(opts.snaplen !== undefined ? { snaplen: opts.snaplen } : {}), internalEvents: opts.debug });
  const ctx: FieldContext = { state: inspector.state, options: ctxOptions };
  const registry = createRegistry(ctx);

  // chisel arguments come first among the operands; the rest is the filter
  const claimed = chisels ? await chisels.load(opts, argv, inspector, registry, ctx.options) : 0;
  const filterText = opts.operands.slice(claimed).join(' ');
  let filter: ((ev: Event) => boolean) | undefined;
  if (filterText.trim() !== '') {
    try {
      filter = compileFilter(filterText, registry);
    } catch (e) {
      if (e instanceof FieldError || e instanceof Error) throw new UsageError(errorLine(e));
      throw e;
    }
  }
  let formatter: EventFormatter;
  try {
    formatter = new EventFormatter(unescapeFormat(opts.format), registry);
  } catch (e) {
    if (e instanceof FormatError || e instanceof FieldError) throw new UsageError(errorLine(e));
    throw e;
  }

  // a display filter (-d) runs on events the state engine has fully processed;
  // otherwise the filter is the inspector's and runs as sinsp's does
  if (filter && !opts.displayFilter) inspector.setFilter(filter);
  const displayFilter = opts.displayFilter ? filter : undefined;

  // sysdig flushes every -j line; that matters while a live capture runs, not when a
  // file is read (the bytes are the same, a write per line costs ~30% of -j's time)
  const live = opts.readFiles.length === 0;
  const sink = opts.unbuffered || (opts.json && live) ? new OutputSink(1, true) : out;
  const summary = opts.summary ? new (await import('../output/summary.js')).SummaryTable() : undefined;
  const showProgress = opts.progress || (opts.writeFile !== undefined && opts.readFiles.length > 0);
  const progress = showProgress
    ? new (await import('../output/progress.js')).ProgressBar({ progressPercent: () => source.progressPercent?.() ?? 0 })
    : undefined;
  const writer = opts.writeFile !== undefined ? await openWriter(opts, source) : undefined;
  const quiet = opts.quiet;
  const json = opts.json;
  const count = opts.count ?? Infinity;
  const durationNs = opts.durationSeconds !== undefined ? BigInt(opts.durationSeconds) * 1_000_000_000n : 0n;
  // (a boolean: comparing BigInts on every event is a call into the runtime)
  const limitDuration = durationNs !== 0n;
  let startTs = 0n;
  let seen = 0;
  let damage: unknown;

  const onEvent = (ev: Event): boolean => {
    if (seen === count || sink.isClosed) return false;
    if (limitDuration) {
      if (startTs === 0n) startTs = ev.ts;
      else if (ev.ts - startTs >= durationNs) return false;
    }
    seen++;
    progress?.tick(ev);
    writer?.write(ev);
    if (chisels) return chisels.event(ev);
    summary?.count(ev);
    if (quiet) return true;
    if (inspector.isHidden(ev)) return true;
    const line = json ? formatter.formatJson(ev) : formatter.format(ev);
    if (line === undefined) return true;
    if (displayFilter && !displayFilter(ev)) return true;
    sink.line(line);
    return true;
  };
  const engine = inspector.engine;
  const fatfile = opts.fatfile;
  const onFiltered = (ev: Event): void => {
    chisels?.timeout(ev);
    progress?.tick(ev);
    // libsinsp's dump of a filtered-out event (sinsp_evt::get_dump_flags): with -F a
    // state-changing one is kept, flagged so that readers only parse it; internal
    // events are always kept
    if (writer) {
      if (fatfile && engine.flagsOf(ev.type) & EF.MODIFIES_STATE) writer.write(ev, DF_STATE_ONLY);
      else if (engine.categoryOf(ev.type) & EC.INTERNAL) writer.write(ev);
    }
  };

  chisels?.captureStart();
  const cpuStart = opts.verbose ? process.cpuUsage() : undefined;
  try {
    if (isLiveSource(source)) {
      // Ctrl-C and SIGTERM end a live capture cleanly: what the driver already
      // captured is still read, written and counted
      const stop = (): void => source.stop();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      // -M also ends a capture no event arrives in (the check in onEvent needs one)
      const timer = opts.durationSeconds !== undefined ? setTimeout(stop, opts.durationSeconds * 1000) : undefined;
      try {
        await inspector.runLive(onEvent, onFiltered);
      } finally {
        clearTimeout(timer);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    } else {
      inspector.run(onEvent, onFiltered);
    }
  } catch (e) {
    damage = e;
  }
  const cpu = cpuStart !== undefined ? process.cpuUsage(cpuStart) : undefined;
  const counters = await liveCounters(source);
  const stats = counters !== undefined || opts.verbose ? await import('../output/capture-stats.js') : undefined;
  sink.flush();
  progress?.finish();
  chisels?.captureEnd();
  writer?.close();
  if (opts.verbose) process.stderr.write(stats!.renderVerboseStats(counters, (cpu!.user + cpu!.system) / 1e6, seen));
  if (summary) sink.write(summary.render(100));
  if (summary && counters) sink.write(stats!.renderCaptureStats(counters));
  sink.flush();
  inspector.close();
  if (damage !== undefined) throw damage;
  return 0;
}

/**
 * -q with no filter, chisel, summary, writer or limit: nothing will ever look at an event
 * or at the state it builds, so the events are only read (damage is still reported).
 */
function nothingObservesEvents(o: InspectOptions): boolean {
  return (
    o.quiet &&
    o.operands.length === 0 &&
    o.chisels.length === 0 &&
    !o.summary &&
    o.writeFile === undefined &&
    o.count === undefined &&
    o.durationSeconds === undefined &&
    !o.progress &&
    o.readFiles.length > 0
  );
}

function drain(source: EventSource): number {
  try {
    // skipBatch reads and checks events without handing them to JS
    if (source.skipBatch) while (source.skipBatch() > 0);
    else while (source.nextBatch() !== null);
  } finally {
    source.close();
  }
  return 0;
}

async function loadChiselRunner(): Promise<ChiselRunner> {
  const { ChiselRunner } = await import('../chisel/runner.js');
  return new ChiselRunner();
}

/** a live driver's source (they can be stopped); a capture file's cannot */
function isLiveSource(source: EventSource): source is EventSource & { stop(): void } {
  return typeof (source as { stop?: unknown }).stop === 'function';
}

/** the driver's counters of a live capture (undefined for a capture file) */
async function liveCounters(source: EventSource): Promise<CaptureCounters | undefined> {
  if (!isLiveSource(source)) return undefined;
  // loaded already: openSource imported them to make the source
  const [{ LiveEventSource }, { KmodEventSource }, { captureCounters }] = await Promise.all([
    import('../capture/live-open.js'),
    import('../capture/kmod-open.js'),
    import('../output/capture-stats.js'),
  ]);
  if (source instanceof LiveEventSource) return captureCounters('bpf', source.stats(), source.converterStats());
  if (source instanceof KmodEventSource) return captureCounters('kmod', source.stats());
  return undefined;
}

async function openWriter(opts: InspectOptions, source: EventSource): Promise<{ write(ev: Event, dumpFlags?: number): void; close(): void }> {
  const { CaptureWriter } = await import('../capture/writer.js');
  return CaptureWriter.open(opts, source.meta);
}
