// The drivers' early filter (the eBPF probe's helpers/filter.h, the module's filter.c):
// sets of process ids and thread names decided in the kernel before anything of an
// event is read, and how large those sets may be.

/** A set a driver decides in the kernel. */
export interface SetFilter<T> {
  /** 'include': only these; 'exclude': all but these */
  mode: 'include' | 'exclude';
  values: T[];
}

/**
 * How many values each set holds: the eBPF probe's pid_filter and comm_filter maps
 * (native/driver/bpf/helpers/maps.h) and the module's SINSPECT_KMOD_FILTER_MAX_*
 * (native/driver/kmod/sinspect_kmod_abi.h); test/capture/kernel-filter-limits.test.ts
 * holds the three to the same numbers.
 */
export const KERNEL_FILTER_LIMITS = { pids: 1024, comms: 256 } as const;

/** Throws a one-line error when a set is larger than the drivers hold (they would refuse it less clearly). */
export function checkKernelFilterSizes(o: { pidFilter?: SetFilter<number>; commFilter?: SetFilter<string> }): void {
  const pids = o.pidFilter?.values.length ?? 0;
  const comms = o.commFilter?.values.length ?? 0;
  if (pids > KERNEL_FILTER_LIMITS.pids)
    throw new Error(`live capture: the kernel's pid filter holds at most ${KERNEL_FILTER_LIMITS.pids} processes (${pids} given)`);
  if (comms > KERNEL_FILTER_LIMITS.comms)
    throw new Error(`live capture: the kernel's comm filter (-U) holds at most ${KERNEL_FILTER_LIMITS.comms} names (${comms} given)`);
}
