// The drivers on a second kernel: Debian's current kernel (6.1 today) boots in
// qemu (tools/vm), loads sinspect.ko and captures the workloads of the live tests
// through the kernel module (also through its early filter: -U, filter pushdown)
// and through the eBPF probe; the capture files come back to the host and are
// checked here. One test file, so that the VM boots once.
import './kmod-suite.js';
import './kmod-filter-suite.js';
import './bpf-suite.js';
