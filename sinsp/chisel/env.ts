// What the chisel engine needs from the rest of sinspect. The CLI builds one ChiselEnv
// per run (after parsing its flags) and passes it to loadChisel(); the engine never
// reaches into the inspector on its own.
import type { Event } from '../event/event.js';
import type { FieldRegistry, BufferFormat } from '../fields/types.js';
import type { State, MachineInfo } from '../state/state.js';

/** Where chisel output goes (print, io.write, set_event_formatter lines). */
export interface OutputSink {
  write(data: Uint8Array | string): void;
  flush(): void;
}

export interface ChiselEnv {
  /** field registry: chisel.request_field resolves names with it */
  readonly fields: FieldRegistry;
  /** compile a filter (sysdig syntax); throw an Error with a one-line message when invalid */
  compileFilter(text: string): (ev: Event) => boolean;
  /**
   * compile an output format as -p does; the function returns the line, or undefined when
   * sysdig would skip the event. `format` is never '' or 'default' (the engine passes the
   * default format string instead).
   */
  compileFormatter(format: string): (ev: Event) => string | undefined;
  /** the live inspector state (threads, fds, users, containers, first/last event ts) */
  state(): State;
  /** machine info of the open capture; undefined before the capture is open */
  machineInfo?(): MachineInfo | undefined;
  /** true for live captures */
  readonly isLive: boolean;
  /** the -r file name ('' when live) */
  readonly inputFile: string;
  /** sysdig.set_filter: replace the capture's global filter */
  setGlobalFilter?(text: string): void;
  /** sysdig.get_filter: the capture's global filter text */
  getGlobalFilter?(): string;
  /** sysdig.set_snaplen */
  setSnaplen?(n: number): void;
  /** -A/-x/-X/-b/-j as the CLI set them; sysdig.set_output_format changes it only when 'normal' */
  bufferFormat?(): BufferFormat;
  setBufferFormat?(fmt: BufferFormat): void;
  /** -pc/-pcontainer given */
  readonly printContainerData?: boolean;
  /** -j given (sysdig.get_output_format answers 'json') */
  readonly json?: boolean;
  /** fraction of the input read, 0..100 (sysdig.get_read_progress) */
  readProgress?(): number;
  /** chisel output; defaults to a buffered writer on stdout */
  readonly stdout?: OutputSink;
  /** warnings and sysdig.log messages; defaults to stderr */
  readonly stderr?: OutputSink;
  /** chisel directories, in lookup order; defaults to chiselDirs() */
  readonly dirs?: string[];
}
