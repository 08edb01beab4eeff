// sysdig's command line, option by option. The letters, long names and value rules are
// sysdig 0.29.3's; what each one means is in help.ts.
import { getoptLong, GetoptError, type LongOption, type ParsedOption } from './getopt.js';
import type { BufferFormat } from '../fields/types.js';

export const SHORT_SPEC = 'AbB::c:C:dDEe:FG:hH:I:i:jk:K:lLm:M:n:Pp:qRr:Ss:t:TU:uvW:w:xXz';

export const LONG_OPTIONS: LongOption[] = [
  { name: 'print-ascii', hasArg: 0, key: 'A' },
  { name: 'print-base64', hasArg: 0, key: 'b' },
  { name: 'bpf', hasArg: 2, key: 'B' },
  { name: 'modern-bpf', hasArg: 0, key: 'modern-bpf' },
  { name: 'kmod', hasArg: 0, key: 'kmod' },
  { name: 'chisel', hasArg: 1, key: 'c' },
  { name: 'list-chisels', hasArg: 0, key: 'list-chisels' },
  { name: 'displayflt', hasArg: 0, key: 'd' },
  { name: 'debug', hasArg: 0, key: 'D' },
  { name: 'exclude-users', hasArg: 0, key: 'E' },
  { name: 'event-limit', hasArg: 1, key: 'e' },
  { name: 'fatfile', hasArg: 0, key: 'F' },
  { name: 'filter-proclist', hasArg: 0, key: 'filter-proclist' },
  { name: 'seconds', hasArg: 1, key: 'G' },
  { name: 'help', hasArg: 0, key: 'h' },
  { name: 'chisel-info', hasArg: 1, key: 'i' },
  { name: 'file-size', hasArg: 1, key: 'C' },
  { name: 'json', hasArg: 0, key: 'j' },
  { name: 'list', hasArg: 0, key: 'l' },
  { name: 'list-events', hasArg: 0, key: 'L' },
  { name: 'list-markdown', hasArg: 0, key: 'list-markdown' },
  { name: 'numevents', hasArg: 1, key: 'n' },
  { name: 'no-pushdown', hasArg: 0, key: 'no-pushdown' },
  { name: 'page-faults', hasArg: 0, key: 'page-faults' },
  { name: 'progress', hasArg: 0, key: 'P' },
  { name: 'print', hasArg: 1, key: 'p' },
  { name: 'quiet', hasArg: 0, key: 'q' },
  { name: 'resolve-ports', hasArg: 0, key: 'R' },
  { name: 'readfile', hasArg: 1, key: 'r' },
  { name: 'read', hasArg: 1, key: 'r' },
  { name: 'snaplen', hasArg: 1, key: 's' },
  { name: 'summary', hasArg: 0, key: 'S' },
  { name: 'suppress-comm', hasArg: 1, key: 'U' },
  { name: 'timetype', hasArg: 1, key: 't' },
  { name: 'force-tracers-capture', hasArg: 0, key: 'T' },
  { name: 'unbuffered', hasArg: 0, key: 'unbuffered' },
  { name: 'verbose', hasArg: 0, key: 'v' },
  { name: 'version', hasArg: 0, key: 'version' },
  { name: 'writefile', hasArg: 1, key: 'w' },
  { name: 'write', hasArg: 1, key: 'w' },
  { name: 'limit', hasArg: 1, key: 'W' },
  { name: 'print-hex', hasArg: 0, key: 'x' },
  { name: 'print-hex-ascii', hasArg: 0, key: 'X' },
  { name: 'compress', hasArg: 0, key: 'z' },
];

export const DEFAULT_FORMAT = '*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info';
export const CONTAINER_FORMAT =
  '*%evt.num %evt.outputtime %evt.cpu %container.name (%container.id) %proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info';
export const KUBERNETES_FORMAT =
  '*%evt.num %evt.outputtime %evt.cpu %k8s.pod.name (%container.id) %proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info';
export const MESOS_FORMAT =
  '*%evt.num %evt.outputtime %evt.cpu %mesos.task.name (%container.id) %proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info';

/** the formats -p names with a word: -pc/-pcontainer, -pk/-pkubernetes, -pm/-pmesos */
const NAMED_FORMATS = new Map([
  ['c', CONTAINER_FORMAT],
  ['container', CONTAINER_FORMAT],
  ['k', KUBERNETES_FORMAT],
  ['kubernetes', KUBERNETES_FORMAT],
  ['m', MESOS_FORMAT],
  ['mesos', MESOS_FORMAT],
]);

export interface ChiselRequest {
  name: string;
  /** the chisel's argument words, once the chisel engine has decided how many it takes */
  args: string[];
  /** index in argv of the first word after `-c NAME`: where its arguments start */
  argvNext: number;
}

export interface InspectOptions {
  readFiles: string[];
  writeFile: string | undefined;
  format: string;
  /** true when -p gave a format (custom formats are not truncated like the default) */
  customFormat: boolean;
  json: boolean;
  bufferFormat: BufferFormat;
  timeMode: 'h' | 'a' | 'r' | 'd' | 'D';
  quiet: boolean;
  summary: boolean;
  verbose: boolean;
  count: number | undefined;
  snaplen: number | undefined;
  displayFilter: boolean;
  debug: boolean;
  progress: boolean;
  unbuffered: boolean;
  compress: boolean;
  fatfile: boolean;
  excludeUsers: boolean;
  rolloverMb: number | undefined;
  rolloverSeconds: number | undefined;
  fileLimit: number | undefined;
  eventLimit: number | undefined;
  durationSeconds: number | undefined;
  suppressComms: string[];
  pageFaults: boolean;
  /** --no-pushdown: the driver captures everything; the filter runs in sinspect only */
  noPushdown: boolean;
  live: 'default' | 'bpf' | 'kmod';
  bpfProbe: string | undefined;
  chisels: ChiselRequest[];
  listChisels: boolean;
  chiselInfo: string | undefined;
  listFields: boolean;
  listMarkdown: boolean;
  listEvents: boolean;
  help: boolean;
  version: boolean;
  printFormat: boolean;
  /**
   * a container-oriented format was asked for (-pc, -pk, -pm): chisels are told to print
   * container data, as sysdig tells them, even when a later -p replaces the format
   */
  printContainerData: boolean;
  filterProclist: boolean;
  /** all operands (non-option words), in order; chisel arguments are taken from the front */
  operands: string[];
}

export class UsageError extends Error {}

function positiveInt(v: string, what: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n <= 0 || !/^\s*\+?\d/.test(v)) throw new UsageError(`invalid ${what} ${v}`);
  return n;
}

export function parseInspectArgs(argv: string[]): InspectOptions {
  const o: InspectOptions = {
    readFiles: [],
    writeFile: undefined,
    format: DEFAULT_FORMAT,
    customFormat: false,
    json: false,
    bufferFormat: 'normal',
    timeMode: 'h',
    quiet: false,
    summary: false,
    verbose: false,
    count: undefined,
    snaplen: undefined,
    displayFilter: false,
    debug: false,
    progress: false,
    unbuffered: false,
    compress: false,
    fatfile: false,
    excludeUsers: false,
    rolloverMb: undefined,
    rolloverSeconds: undefined,
    fileLimit: undefined,
    eventLimit: undefined,
    durationSeconds: undefined,
    suppressComms: [],
    pageFaults: false,
    noPushdown: false,
    live: 'default',
    bpfProbe: undefined,
    chisels: [],
    listChisels: false,
    chiselInfo: undefined,
    listFields: false,
    listMarkdown: false,
    listEvents: false,
    help: false,
    version: false,
    printFormat: false,
    printContainerData: false,
    filterProclist: false,
    operands: [],
  };
  const setBufferFormat = (f: BufferFormat): void => {
    if (o.bufferFormat !== 'normal') throw new UsageError('you cannot specify more than one output format');
    o.bufferFormat = f;
  };
  const apply = (opt: ParsedOption): void => {
    const v = opt.value ?? '';
    switch (opt.key) {
      case 'A': return setBufferFormat('ascii');
      case 'b': return setBufferFormat('base64');
      case 'x': return setBufferFormat('hex');
      case 'X': return setBufferFormat('hexascii');
      case 'B':
        o.live = 'bpf';
        o.bpfProbe = opt.value;
        return;
      case 'modern-bpf':
        o.live = 'bpf';
        return;
      case 'kmod':
        o.live = 'kmod';
        return;
      case 'c':
        if (v === 'l') o.listChisels = true;
        else o.chisels.push({ name: v, args: [], argvNext: opt.next });
        return;
      case 'list-chisels':
        o.listChisels = true;
        return;
      case 'C': o.rolloverMb = positiveInt(v, 'file size'); return;
      case 'd': o.displayFilter = true; return;
      case 'D': o.debug = true; return;
      case 'E': o.excludeUsers = true; return;
      case 'e': o.eventLimit = positiveInt(v, "parameter 'number of events'"); return;
      case 'F': o.fatfile = true; return;
      case 'filter-proclist': o.filterProclist = true; return;
      case 'G': o.rolloverSeconds = positiveInt(v, 'duration'); return;
      case 'h': o.help = true; return;
      case 'i': o.chiselInfo = v; return;
      case 'j': o.json = true; return;
      case 'l': o.listFields = true; return;
      case 'list-markdown':
        o.listFields = true;
        o.listMarkdown = true;
        return;
      case 'L': o.listEvents = true; return;
      case 'M': o.durationSeconds = positiveInt(v, 'duration'); return;
      case 'n': {
        if (!/^\s*\d+\s*$/.test(v)) throw new UsageError("can't parse the -n argument, make sure it's a number");
        const n = Number(v);
        if (n <= 0) throw new UsageError(`invalid event count ${v}`);
        o.count = n;
        return;
      }
      case 'P': o.progress = true; return;
      case 'p':
        if (v === 'p') o.printFormat = true;
        else if (NAMED_FORMATS.has(v)) {
          o.format = NAMED_FORMATS.get(v)!;
          o.printContainerData = true;
        } else {
          o.format = v;
          o.customFormat = true;
        }
        return;
      case 'q': o.quiet = true; return;
      case 'R': return; // port-name resolution: ports print as numbers either way in trace mode
      case 'r': o.readFiles.push(v); return;
      case 'S': o.summary = true; return;
      case 's': o.snaplen = Number.parseInt(v, 10) || 0; return;
      case 't':
        if (v === 'h' || v === 'a' || v === 'r' || v === 'd' || v === 'D') o.timeMode = v;
        else throw new UsageError('invalid modifier for flag -t');
        return;
      case 'T': return; // tracers capture: nothing to force in our drivers
      case 'U': o.suppressComms.push(v); return;
      case 'unbuffered': o.unbuffered = true; return;
      case 'v': o.verbose = true; return;
      case 'version': o.version = true; return;
      case 'w':
        o.writeFile = v;
        o.quiet = true;
        return;
      case 'W': o.fileLimit = positiveInt(v, 'file limit'); return;
      case 'z': o.compress = true; return;
      case 'page-faults': o.pageFaults = true; return;
      case 'no-pushdown': o.noPushdown = true; return;
      default:
        throw new UsageError(`option -${opt.key} is not supported by sinspect`);
    }
  };
  let parsed;
  try {
    parsed = getoptLong(argv, SHORT_SPEC, LONG_OPTIONS, apply);
  } catch (e) {
    if (e instanceof GetoptError) throw new UsageError(e.message);
    throw e;
  }
  o.operands = parsed.operands;
  return o;
}
