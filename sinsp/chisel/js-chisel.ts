// Chisels written in JavaScript (or TypeScript compiled to it), against the same API as Lua
// chisels. A chisel module exports its description and a factory:
//
//   export const description = 'Counts events by type';
//   export const short_description = 'Event counts';
//   export const category = 'Misc';
//   export const args = [{ name: 'filter', argtype: 'filter', description: '...', optional: true }];
//   export function create(api: ChiselApi): ChiselHooks {
//     const type = api.chisel.request_field('evt.type');
//     return { on_event() { ... api.evt.field(type) ...; return true; } };
//   }
//
// Hooks have the Lua names and meanings (on_set_arg, on_init, on_capture_start, on_event,
// on_interval, on_capture_end). api.print() writes a line to the chisel output.
import { pathToFileURL } from 'node:url';
import type { ChiselArgDesc } from './args.js';
import type { ChiselImpl, ChiselInfo, ChiselIo, HookName } from './chisel.js';
import { ChiselError, ChiselExit } from './errors.js';
import {
  makeTs,
  addTs,
  subtractTs,
  type ApiValue,
  type ChiselRuntime,
  type ContainerEntry,
  type FieldHandle,
  type MachineEntry,
  type ThreadEntry,
} from './runtime.js';
import { terminalSize } from './terminal.js';
import { isatty } from 'node:tty';

export interface ChiselHooks {
  on_set_arg?(name: string, value: string): boolean;
  on_init?(): boolean;
  on_capture_start?(): boolean;
  on_event?(): boolean | void;
  on_interval?(tsSec: number, tsNs: number, deltaNs: number): boolean;
  on_capture_end?(tsSec: number, tsNs: number, deltaNs: number): void;
}

export interface ChiselApi {
  chisel: {
    request_field(name: string): FieldHandle;
    set_filter(filter: string): void;
    set_event_formatter(format: string): void;
    set_interval_s(s: number): void;
    set_interval_ns(ns: number): void;
    set_precise_interval_ns(ns: number): void;
    exec(name: string, ...args: string[]): void;
  };
  evt: {
    /** the field's value for the current event; undefined where Lua gets nil */
    field(h: FieldHandle): ApiValue | undefined;
    get_num(): number;
    /** [seconds, nanoseconds] */
    get_ts(): [number, number];
    get_type(): string;
    get_cpuid(): number;
  };
  sysdig: {
    set_filter(filter: string): void;
    set_snaplen(n: number): void;
    set_output_format(fmt: string): void;
    is_live(): boolean;
    is_tty(): boolean;
    get_terminal_info(): { width: number; height: number };
    get_filter(): string;
    get_machine_info(): MachineEntry;
    get_thread_table(filter?: string): Map<number, ThreadEntry>;
    get_thread_table_nofds(filter?: string): Map<number, ThreadEntry>;
    get_thread_table_barebone(filter?: string): Map<number, ThreadEntry>;
    get_thread_table_barebone_nofds(filter?: string): Map<number, ThreadEntry>;
    get_container_table(): ContainerEntry[];
    is_print_container_data(): boolean;
    get_output_format(): string;
    get_evtsource_name(): string;
    get_firstevent_ts(): string;
    get_lastevent_ts(): string;
    make_ts(s: number, ns: number): string;
    add_ts(a: string, b: string): string;
    subtract_ts(a: string, b: string): string;
    run_app(args: string): void;
    end_capture(): void;
    log(message: string, severity?: string): void;
    get_read_progress(): number;
  };
  /** print(...) as in Lua: values joined by tabs, then a newline */
  print(...values: unknown[]): void;
  /** io.write: text as is */
  write(text: string | Uint8Array): void;
  /** os.exit: end the run with this exit code */
  exit(code?: number): never;
}

export interface JsChiselModule {
  description?: string;
  short_description?: string;
  category?: string;
  hidden?: boolean;
  args?: Array<Partial<ChiselArgDesc> & { name: string }>;
  create?: (api: ChiselApi) => ChiselHooks;
  default?: (api: ChiselApi) => ChiselHooks;
}

const modules = new Map<string, JsChiselModule>();

/** Import a JS chisel module (cached: chisel.exec() can then switch to it synchronously). */
export async function importJsChisel(path: string, name: string): Promise<JsChiselModule> {
  let m = modules.get(path);
  if (m) return m;
  try {
    m = (await import(pathToFileURL(path).href)) as JsChiselModule;
  } catch (e) {
    throw new ChiselError(`Failed to load chisel ${name}: ${oneLine(e)}`);
  }
  modules.set(path, m);
  return m;
}

export function importedJsChisel(path: string): JsChiselModule | undefined {
  return modules.get(path);
}

function oneLine(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // the first stack frame inside the chisel file gives file:line
  const frame = e.stack?.split('\n').find((l) => l.includes('file://'));
  const where = frame ? /file:\/\/(\S+?):(\d+):\d+/.exec(frame) : null;
  const msg = e.message.replace(/\s*\n\s*/g, ' ');
  return where ? `${where[1]}:${where[2]}: ${msg}` : msg;
}

function display(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(v);
  if (v === undefined || v === null) return 'nil';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  return String(v);
}

export function makeApi(rt: ChiselRuntime, io: ChiselIo): ChiselApi {
  return {
    chisel: {
      request_field: (name) => rt.requestField(name),
      set_filter: (f) => rt.setFilter(f),
      set_event_formatter: (f) => rt.setEventFormatter(f),
      set_interval_s: (s) => rt.setIntervalNs(s * 1e9),
      set_interval_ns: (ns) => rt.setIntervalNs(ns),
      set_precise_interval_ns: (ns) => rt.setPreciseIntervalNs(ns),
      exec: (name, ...args) => rt.exec(name, args),
    },
    evt: {
      field: (h) => rt.field(h),
      get_num: () => rt.event('get_num').num,
      get_ts: () => {
        const ts = rt.event('get_ts').ts;
        return [Number(ts / 1000000000n), Number(ts % 1000000000n)];
      },
      get_type: () => rt.eventTypeName(rt.event('get_type')),
      get_cpuid: () => rt.event('get_cpuid').cpu,
    },
    sysdig: {
      set_filter: (f) => rt.setGlobalFilter(f),
      set_snaplen: (n) => rt.env.setSnaplen?.(n),
      set_output_format: (f) => rt.setOutputFormat(f),
      is_live: () => rt.env.isLive,
      is_tty: () => isatty(1),
      get_terminal_info: () => terminalSize(),
      get_filter: () => rt.env.getGlobalFilter?.() ?? '',
      get_machine_info: () => rt.machineInfo(),
      get_thread_table: (f) => rt.threadTable(f, true, false),
      get_thread_table_nofds: (f) => rt.threadTable(f, false, false),
      get_thread_table_barebone: (f) => rt.threadTable(f, true, true),
      get_thread_table_barebone_nofds: (f) => rt.threadTable(f, false, true),
      get_container_table: () => rt.containerTable(),
      is_print_container_data: () => rt.env.printContainerData ?? false,
      get_output_format: () => rt.outputFormat(),
      get_evtsource_name: () => (rt.env.isLive ? '' : rt.env.inputFile),
      get_firstevent_ts: () => rt.firstEventTs(),
      get_lastevent_ts: () => rt.lastEventTs(),
      make_ts: makeTs,
      add_ts: addTs,
      subtract_ts: subtractTs,
      run_app: (a) => void (rt.nextRunArgs = a),
      end_capture: () => void (rt.endCapture = true),
      log: (m, sev = 'info') => {
        if (sev === 'warning' || sev === 'error' || sev === 'critical') io.stderr.write(m + '\n');
      },
      get_read_progress: () => rt.env.readProgress?.() ?? 0,
    },
    print: (...values) => io.stdout.write(values.map(display).join('\t') + '\n'),
    write: (t) => io.stdout.write(t),
    exit: (code = 0) => {
      throw new ChiselExit(code);
    },
  };
}

export class JsChiselImpl implements ChiselImpl {
  readonly info: ChiselInfo;
  private readonly hooks: ChiselHooks;

  constructor(name: string, path: string, mod: JsChiselModule, rt: ChiselRuntime, io: ChiselIo) {
    this.info = {
      name,
      path,
      description: mod.description ?? '',
      shortDescription: mod.short_description ?? '',
      category: mod.category ?? '',
      hidden: mod.hidden ?? false,
      args: (mod.args ?? []).map((a) => ({
        name: a.name,
        argtype: a.argtype ?? 'string',
        description: a.description ?? '',
        optional: a.optional ?? false,
      })),
    };
    const create = mod.create ?? mod.default;
    if (typeof create !== 'function') {
      throw new ChiselError(`Failed to load chisel ${name}: the module exports no create(api) function`);
    }
    try {
      this.hooks = create(makeApi(rt, io)) ?? {};
    } catch (e) {
      if (e instanceof ChiselExit) throw e;
      throw new ChiselError(`Failed to load chisel ${name}: ${oneLine(e)}`);
    }
  }

  hasHook(hook: HookName): boolean {
    return typeof this.hooks[hook] === 'function';
  }

  call(hook: HookName, args: Array<number | string>): boolean | undefined | 'other' {
    const f = this.hooks[hook] as ((...a: Array<number | string>) => unknown) | undefined;
    if (!f) return undefined;
    let r: unknown;
    try {
      r = f.apply(this.hooks, args);
    } catch (e) {
      if (e instanceof ChiselExit) throw e;
      throw new ChiselError(oneLine(e));
    }
    if (typeof r === 'boolean') return r;
    return r === undefined || r === null ? undefined : 'other';
  }

  onEvent(): boolean | undefined | 'other' {
    return this.call('on_event', NO_ARGS);
  }

  close(): void {}
}

const NO_ARGS: Array<number | string> = [];
