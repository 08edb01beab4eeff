// One loaded chisel and its lifecycle, as sysdig drives it:
//   load (run the script, read `args`) -> setArgs (on_set_arg per value) -> init (on_init,
//   following chisel.exec) -> captureStart (on_capture_start) -> for each event: timeout
//   (on_interval when due), the chisel's own filter, on_event, the event formatter ->
//   captureEnd (on_capture_end).
// The language-specific part (Lua or JavaScript) is a ChiselImpl; chisel.exec() swaps it.
import type { Event } from '../event/event.js';
import type { ChiselArgDesc } from './args.js';
import { checkArgCount, joinChiselArgs, splitChiselArgs } from './args.js';
import type { ChiselEnv, OutputSink } from './env.js';
import { ChiselError, ChiselExit } from './errors.js';
import { ChiselRuntime } from './runtime.js';
import type { EventHook } from './top-aggregator.js';

export type HookName = 'on_set_arg' | 'on_init' | 'on_capture_start' | 'on_event' | 'on_interval' | 'on_capture_end';

/** What a chisel says about itself (for -cl and -i). */
export interface ChiselInfo {
  name: string;
  path: string;
  description: string;
  shortDescription: string;
  category: string;
  args: ChiselArgDesc[];
  hidden: boolean;
}

/** The language-specific half of a chisel. */
export interface ChiselImpl {
  readonly info: ChiselInfo;
  hasHook(hook: HookName): boolean;
  /**
   * Call a callback. Returns its first result: a boolean, undefined for nil/no result, or
   * 'other' for any other value. Throws ChiselError(message) when the callback fails and
   * ChiselExit when it called os.exit().
   */
  call(hook: HookName, args: Array<number | string>): boolean | undefined | 'other';
  /** call('on_event', []), made once per event: implementations avoid per-call work */
  onEvent(): boolean | undefined | 'other';
  close(): void;
}

/** Creates the implementation for a chisel name (used at load time and by chisel.exec). */
export type ImplFactory = (name: string, rt: ChiselRuntime) => ChiselImpl;

export interface ChiselIo {
  stdout: OutputSink;
  stderr: OutputSink;
}

export class Chisel {
  /** the name as given on the command line (or to chisel.exec): sysdig's messages use it */
  name: string;
  rt: ChiselRuntime;
  private impl: ChiselImpl;
  private argvals: string[] = [];
  private hasOnEvent: boolean;
  private firstEvent = true;
  private lastSampleTime = 0n;
  private lastIntervalTs = 0n;
  /**
   * Event times (as approximate doubles, ns) in [fastLo, fastHi) are known not to start
   * an interval while the intervals are still fastIv/fastPreciseIv: most events then
   * cost one comparison instead of bigint arithmetic. The margins exceed the doubles'
   * rounding (256 ns at today's epoch times), so the exact test decides near the edges.
   */
  private fastLo = Infinity;
  private fastHi = -Infinity;
  private fastIv = 0n;
  private fastPreciseIv = 0n;

  constructor(
    name: string,
    private readonly env: ChiselEnv,
    private readonly io: ChiselIo,
    private readonly factory: ImplFactory,
  ) {
    this.name = name;
    this.rt = new ChiselRuntime(env, name);
    this.impl = factory(name, this.rt);
    this.hasOnEvent = this.impl.hasHook('on_event');
  }

  get info(): ChiselInfo {
    return this.impl.info;
  }
  get args(): ChiselArgDesc[] {
    return this.impl.info.args;
  }
  get nRequiredArgs(): number {
    return this.args.filter((a) => !a.optional).length;
  }
  get nOptionalArgs(): number {
    return this.args.length - this.nRequiredArgs;
  }
  /** sysdig.end_capture() was called: stop reading events */
  get endRequested(): boolean {
    return this.rt.endCapture;
  }
  /** sysdig.run_app() arguments, if the chisel asked for another run */
  get nextRunArgs(): string | undefined {
    return this.rt.nextRunArgs;
  }

  /** Give the chisel its arguments: one string (split as sysdig does) or values already split. */
  setArgs(args: string | string[]): void {
    const values = typeof args === 'string' ? splitChiselArgs(args, this.name) : args;
    if (typeof args === 'string') this.argvals.push(...values);
    else this.argvals = [...values];
    checkArgCount(this.args, values.length, this.name);
    for (let j = 0; j < values.length; j++) {
      if (!this.impl.hasHook('on_set_arg')) throw new ChiselError(`chisel ${this.name} misses a set_arg() function.`);
      const r = this.wrap(() => this.impl.call('on_set_arg', [this.args[j]!.name, values[j]!]), `${this.name} chisel error: `);
      if (typeof r !== 'boolean') throw new ChiselError(`${this.name} chisel error: wrong set_arg() return value.`);
      if (!r) throw new ChiselError(`set_arg() for chisel ${this.name} failed.`);
    }
  }

  /** on_init, then, if the chisel called chisel.exec(), the same for the chisel it named. */
  init(): void {
    if (!this.impl.hasHook('on_init')) return;
    const r = this.wrap(() => this.impl.call('on_init', []), `${this.name}: error in init(): `);
    const exec = this.rt.execRequest;
    if (!exec) {
      if (typeof r !== 'boolean') throw new ChiselError(`${this.name} chisel error: wrong init() return value.`);
      if (!r) throw new ChiselError(`init() for chisel ${this.name} failed.`);
      return;
    }
    this.impl.close();
    this.rt.close();
    this.name = exec.name;
    this.rt = new ChiselRuntime(this.env, exec.name);
    this.impl = this.factory(exec.name, this.rt);
    this.hasOnEvent = this.impl.hasHook('on_event');
    const joined = joinChiselArgs(exec.args);
    this.argvals = [];
    this.setArgs(joined);
    this.init();
  }

  captureStart(): void {
    if (!this.impl.hasHook('on_capture_start')) return;
    const r = this.wrap(() => this.impl.call('on_capture_start', []), `${this.name} chisel error: `);
    if (typeof r !== 'boolean') {
      throw new ChiselError(`${this.name} chisel error: wrong on_capture_start() return value. Boolean expected.`);
    }
    if (!r) throw new ChiselError(`init() for chisel ${this.name} failed.`);
  }

  /**
   * An event that passed the capture's filter. Returns true when the chisel accepted it
   * (passed its filter and on_event did not return false). After it returns, check
   * endRequested.
   */
  onEvent(ev: Event): boolean {
    const rt = this.rt;
    rt.current = ev;
    this.timeout(ev);
    if (rt.filter !== undefined && !rt.filter(ev)) return false;
    const hooks = rt.eventHooks;
    if (hooks.length !== 0) this.runHooks(hooks);
    if (this.hasOnEvent) {
      // (no wrap(): a closure per event)
      let r: boolean | undefined | 'other';
      try {
        r = this.impl.onEvent();
      } catch (e) {
        throw this.failure(e, `${this.name} chisel error: `);
      }
      if (rt.endCapture) return false;
      if (r === false || r === undefined) return false;
    }
    if (rt.formatter !== undefined) {
      const line = rt.formatter(ev);
      if (line !== undefined) this.io.stdout.write(line + '\n');
    }
    return true;
  }

  private runHooks(hooks: EventHook[]): void {
    try {
      for (let i = 0; i < hooks.length; i++) hooks[i]!.add();
    } catch (e) {
      if (e instanceof ChiselError) throw new ChiselError(`${this.name} chisel error: ${e.message}`);
      throw e;
    }
  }

  /** Interval callbacks on trace time (sysdig's do_timeout); also for events the capture filter dropped. */
  timeout(ev: Event): void {
    const rt = this.rt;
    rt.current = ev;
    const approx = ev.tsApprox;
    if (approx >= this.fastLo && approx < this.fastHi && rt.intervalNs === this.fastIv && rt.preciseIntervalNs === this.fastPreciseIv) {
      return;
    }
    this.timeoutExact(ev);
    this.updateFastWindow();
  }

  private timeoutExact(ev: Event): void {
    const rt = this.rt;
    if (this.firstEvent) {
      const ts = ev.ts;
      if (rt.intervalNs !== 0n) this.lastSampleTime = ts - (ts % rt.intervalNs);
      else if (rt.preciseIntervalNs !== 0n) this.lastSampleTime = ts;
      this.firstEvent = false;
      return;
    }
    if (rt.intervalNs !== 0n) {
      const ts = ev.ts;
      const sample = ts - (ts % rt.intervalNs);
      if (sample === this.lastSampleTime) return;
      let delta = 0n;
      if (this.lastIntervalTs !== 0n) {
        delta = ts - this.lastIntervalTs;
        if (delta === 0n) return;
      }
      this.interval(ts, delta);
      this.lastSampleTime = sample;
      this.lastIntervalTs = ts;
    } else if (rt.preciseIntervalNs !== 0n) {
      const ts = ev.ts;
      const iv = rt.preciseIntervalNs;
      if (ts - this.lastSampleTime < iv) return;
      let t = this.lastSampleTime;
      for (; t <= ts - iv; t += iv) this.interval(t, iv);
      this.lastSampleTime = t;
    }
  }

  /** the window of event times timeoutExact would return early for, as things stand now */
  private updateFastWindow(): void {
    const rt = this.rt;
    const MARGIN = 4096;
    this.fastIv = rt.intervalNs;
    this.fastPreciseIv = rt.preciseIntervalNs;
    if (this.firstEvent) {
      this.fastLo = Infinity;
      this.fastHi = -Infinity;
    } else if (rt.intervalNs !== 0n) {
      // the same sample: lastSampleTime <= ts < lastSampleTime + interval
      this.fastLo = Number(this.lastSampleTime) + MARGIN;
      this.fastHi = Number(this.lastSampleTime + rt.intervalNs) - MARGIN;
    } else if (rt.preciseIntervalNs !== 0n) {
      // ts - lastSampleTime < interval (earlier times included)
      this.fastLo = -Infinity;
      this.fastHi = Number(this.lastSampleTime + rt.preciseIntervalNs) - MARGIN;
    } else {
      this.fastLo = -Infinity;
      this.fastHi = Infinity;
    }
  }

  private interval(ts: bigint, delta: bigint): void {
    const args = [Number(ts / 1000000000n), Number(ts % 1000000000n), Number(delta)];
    const r = this.wrap(
      () => this.impl.call('on_interval', args),
      `${this.name} chisel error: calling on_interval() failed:`,
    );
    if (r === false || r === undefined) throw new ChiselError(`execution terminated by the ${this.name} chisel`);
  }

  /** on_capture_end(ts_s, ts_ns, delta) with the last event's time and the capture's duration. */
  captureEnd(): void {
    // (the last event stays current: sysdig's chisels may still call evt.field here)
    if (!this.impl.hasHook('on_capture_end')) return;
    const st = this.env.state();
    const te = st.lastEventTs;
    const delta = te - st.firstEventTs;
    this.wrap(
      () => this.impl.call('on_capture_end', [Number(te / 1000000000n), Number(te % 1000000000n), Number(delta)]),
      `${this.name} chisel error: `,
    );
  }

  close(): void {
    this.impl.close();
    this.rt.close();
  }

  private wrap<T>(f: () => T, prefix: string): T {
    try {
      return f();
    } catch (e) {
      throw this.failure(e, prefix);
    }
  }

  /** What a callback's failure becomes: os.exit() as it is, errors with the prefix. */
  private failure(e: unknown, prefix: string): unknown {
    if (e instanceof ChiselExit) return e;
    if (e instanceof ChiselError) return new ChiselError(prefix + e.message);
    return new ChiselError(prefix + (e instanceof Error ? e.message : String(e)));
  }
}
