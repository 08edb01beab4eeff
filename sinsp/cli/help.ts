// The usage page. Flags are sysdig's; the wording is ours.
import { VERSION } from './version.js';

export { VERSION };

export const USAGE = `sinspect version ${VERSION}
Usage: sinspect [options] [-p <output_format>] [filter]

Sources:
 -r <file>, --readfile=<file>
                    Read events from a .scap capture file (gzip-compressed files too).
 -B, --bpf, --modern-bpf
                    Capture live through sinspect's CO-RE eBPF probe (needs root or
                    CAP_BPF+CAP_PERFMON, and a kernel with BTF).
 --kmod             Capture live through the sinspect kernel module.

Output:
 -p <format>, --print=<format>
                    Print each event with this format: %field tokens (see -l) between
                    literal text. A leading * prints every event, with <NA> for
                    missing values; without it, events lacking a field are skipped.
                    -pc (or -pcontainer) selects a container-oriented default format,
                    -pk (-pkubernetes) the same with the pod name, -pm (-pmesos) with
                    the Mesos task name;
                    -pp prints the default format.
 -j, --json         Print events as JSON lines.
 -A, --print-ascii  Print only the printable part of data buffers, keeping newlines.
 -b, --print-base64 Print data buffers in base64.
 -x, --print-hex    Print data buffers in hex.
 -X, --print-hex-ascii
                    Print data buffers in hex and ASCII.
 -s <len>, --snaplen=<len>
                    Bytes of each I/O buffer to capture (live) and print (default 80).
 -v, --verbose      Don't shorten long arguments and buffers; print capture
                    statistics at the end.
 -t <h|a|r|d|D>, --timetype=<h|a|r|d|D>
                    How %evt.outputtime is shown: h human-readable time of day
                    (default), a absolute seconds since the epoch, r relative to the
                    first event, d delta between enter and exit, D delta from the
                    previous event.
 -q, --quiet        Don't print events (useful with -w, -S or chisels).
 -S, --summary      Print a table of event counts at the end.
 -n <num>, --numevents=<num>
                    Stop after <num> events.
 -M <seconds>       Stop after <seconds> of (trace) time.
 -d, --displayflt   Apply the filter after the state engine has seen the event, so
                    that state (fd names, threads) is complete; events are otherwise
                    filtered before state tracking, which is faster.
 -P, --progress     Show reading progress on stderr.
 -D, --debug        Also print internal events.
 --unbuffered       Flush every output line.
 -U <comm>, --suppress-comm=<comm>
                    Ignore events of processes with this command name.

Writing captures:
 -w <file>, --writefile=<file>
                    Write events to a .scap file that sysdig and Falco can read.
 -z, --compress     Compress the written file with gzip.
 -C <MB>, --file-size=<MB>
                    Start a new file whenever the current one exceeds MB million bytes.
 -G <seconds>, --seconds=<seconds>
                    Start a new file every <seconds> seconds.
 -W <num>, --limit=<num>
                    Keep at most <num> rotated files.
 -e <num>, --event-limit=<num>
                    Start a new file every <num> events.
 -F, --fatfile      Keep the events the filter drops but the state needs, hidden.
 -E, --exclude-users
                    Don't collect or write the user and group tables.
 --page-faults      Also capture page faults.
 --no-pushdown      Don't let the driver (eBPF probe or kernel module) drop events
                    the filter can never accept (event types, pids); the filter then
                    runs in sinspect only.

Chisels:
 -c <name> [args], --chisel <name> [args]
                    Run a chisel: a name from -cl or the path of a .lua file.
 -cl, --list-chisels
                    List the available chisels (./chisels, ~/.chisels, sinspect's
                    chisels, /usr/share/sysdig/chisels).
 -i <name>, --chisel-info <name>
                    Describe a chisel and its arguments.

Reference:
 -l, --list         List the fields usable in filters and formats (-lv: with types).
 --list-markdown    Like -l, as markdown.
 -L, --list-events  List the events sinspect knows.
 -h, --help         Print this page.
 --version          Print the version.

Default output format:
 %evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info

Examples:
 sinspect -r trace.scap                               print every event
 sinspect -r trace.scap "proc.name=bash and fd.type=file"
 sinspect -r trace.scap -p "%evt.num %proc.name %fd.name" evt.type=open
 sinspect -r trace.scap -c topfiles_bytes             run a chisel
 sinspect --bpf -w capture.scap proc.name=nginx       capture live to a file
`;
