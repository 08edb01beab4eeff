// The CLI's side of chisels: -cl, -i, and -c NAME [ARGS] wired to the inspector, the field
// registry, the filter compiler and the -p formatter, in sysdig's order:
//   load (at option parsing: how many operands are chisel arguments) -> on_init (once the
//   capture's filter is set, so that sysdig.set_filter in on_init wins) -> on_capture_start
//   -> events -> on_capture_end.
import type { Event } from '../event/event.js';
import type { FieldContext, FieldRegistry } from '../fields/types.js';
import type { State } from '../state/state.js';
import { compileFilter } from '../filter/compiler.js';
import { EventFormatter, unescapeFormat } from '../output/formatter.js';
import type { InspectOptions } from '../cli/options.js';
import { chiselArgTokens } from './args.js';
import { chiselDirs } from './dirs.js';
import { mayReadThreadTable } from './thread-table-use.js';
import type { Chisel } from './chisel.js';
import type { ChiselEnv } from './env.js';
import { ChiselError, ChiselExit } from './errors.js';
import { openChisel, listChisels, describeChisel, ChiselSet, defaultStdout } from './index.js';

/** What the runner needs of the inspector. */
export interface ChiselInspector {
  readonly state: State;
  setFilter(filter: ((ev: Event) => boolean) | undefined): void;
  setSnaplen?(n: number): void;
}

export class ChiselRunner {
  private set = new ChiselSet([]);
  private initialized = false;
  private globalFilter = '';

  /** true when -c gave at least one chisel: events go to chisels instead of being printed */
  get active(): boolean {
    return this.set.size > 0;
  }

  /** -cl */
  list(): Promise<string> {
    return listChisels();
  }

  /** -i NAME */
  describe(name: string): Promise<string> {
    return describeChisel(name);
  }

  /** whether these chisels may call get_thread_table (see thread-table-use.ts) */
  mayReadThreadTable(names: string[]): boolean {
    return mayReadThreadTable(names, chiselDirs());
  }

  /**
   * Load every -c chisel and give it its arguments. Returns how many operands (from the
   * front) were chisel arguments; the rest is the capture filter.
   */
  async load(
    opts: InspectOptions,
    argv: string[],
    inspector: ChiselInspector,
    registry: FieldRegistry,
    /** the FieldContext options the registry was made with: sysdig.set_output_format changes them */
    fieldOptions?: FieldContext['options'],
  ): Promise<number> {
    const isValidFilter = (text: string): boolean => {
      try {
        compileFilter(text, registry);
        return true;
      } catch {
        return false;
      }
    };
    const env: ChiselEnv = {
      fields: registry,
      compileFilter: (text) => compileFilter(text, registry),
      compileFormatter: (format) => {
        const f = new EventFormatter(unescapeFormat(format), registry);
        return (ev) => f.format(ev);
      },
      state: () => inspector.state,
      machineInfo: () => inspector.state.machine,
      isLive: opts.readFiles.length === 0,
      inputFile: opts.readFiles[0] ?? '',
      setGlobalFilter: (text) => {
        this.globalFilter = text;
        inspector.setFilter(text.trim() === '' ? undefined : compileFilter(text, registry));
      },
      getGlobalFilter: () => this.globalFilter,
      setSnaplen: (n) => inspector.setSnaplen?.(n),
      bufferFormat: () => fieldOptions?.bufferFormat ?? opts.bufferFormat,
      setBufferFormat: fieldOptions
        ? (fmt) => {
            fieldOptions.bufferFormat = fmt;
          }
        : undefined,
      printContainerData: opts.printContainerData,
      json: opts.json,
    };
    const chisels: Chisel[] = [];
    let claimed = 0;
    for (const req of opts.chisels) {
      const ch = await openChisel(req.name, env);
      chisels.push(ch);
      const rest = argv.slice(req.argvNext);
      const take = chiselArgTokens(ch.args, rest, isValidFilter);
      if (take) {
        ch.setArgs(rest[0]!);
        req.args = [rest[0]!];
        claimed++;
      } else if (ch.nRequiredArgs > 0) {
        throw new ChiselError(`missing arguments for chisel ${req.name}`);
      }
    }
    this.set = new ChiselSet(chisels);
    this.globalFilter = opts.operands.slice(claimed).join(' ');
    return claimed;
  }

  /** on_init (first time only), then on_capture_start. */
  captureStart(): void {
    this.guard(() => {
      if (!this.initialized) {
        this.initialized = true;
        this.set.init();
      }
      this.set.captureStart();
    });
  }

  /** An event that passed the capture filter. Returns false when a chisel ended the capture. */
  event(ev: Event): boolean {
    try {
      return this.set.event(ev);
    } catch (e) {
      return this.exitOr(e);
    }
  }

  /** An event the capture filter dropped (interval callbacks still run). */
  timeout(ev: Event): void {
    if (this.set.size === 0) return;
    this.guard(() => this.set.filtered(ev));
  }

  /** on_capture_end for every chisel, then flush their output. */
  captureEnd(): void {
    if (this.set.size === 0) return;
    this.guard(() => this.set.end());
  }

  /** sysdig.run_app() arguments, if a chisel asked for another run */
  get nextRunArgs(): string | undefined {
    return this.set.nextRunArgs;
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.exitOr(e);
    }
  }

  /**
   * os.exit() in a chisel ends the process at once, as it does in sysdig; other errors
   * propagate. Either way what the chisels printed so far goes out first (sysdig's
   * print writes at once: a chisel that explains itself, then fails its init, is read).
   */
  private exitOr(e: unknown): never {
    this.set.flush();
    if (e instanceof ChiselExit) {
      defaultStdout().flush();
      process.exit(e.code);
    }
    throw e;
  }
}
