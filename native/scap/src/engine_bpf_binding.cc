// JS face of the live eBPF engine: `new BpfLive(options)` loads and attaches the
// probe; nextBatch() returns one Buffer of batch records per call (the class is
// live_engine_binding.h's, shared with the kernel-module engine).
#include <napi.h>

#include <cstring>
#include <vector>

#include "bindings.h"
#include "early_filter_options.h"
#include "engine_bpf.h"
#include "live_engine_binding.h"

namespace {

enum sinspect_bpf_filter_mode BpfMode(sinspect::FilterMode m) {
  switch (m) {
    case sinspect::FilterMode::kInclude: return SINSPECT_BPF_FILTER_INCLUDE;
    case sinspect::FilterMode::kExclude: return SINSPECT_BPF_FILTER_EXCLUDE;
    default: return SINSPECT_BPF_FILTER_NONE;
  }
}

struct BpfEngine {
  using Handle = struct sinspect_bpf;
  static constexpr const char *kClassName = "BpfLive";
  static constexpr const char *kClosed = "live capture: the capture is closed";

  // options: { snaplen?, bufferBytesPerCpu?, syscalls?: number[] (x86_64 nrs),
  //   tracepoints?: number (SINSPECT_BPF_TP_* bits), dropFailed?: boolean,
  //   pidMode?: 'include'|'exclude', pids?: number[], commMode?, comms?: string[] }
  static Handle *Open(Napi::Env env, const Napi::Object &o) {
    struct sinspect_bpf_options opts;
    std::memset(&opts, 0, sizeof(opts));
    opts.snaplen = sinspect::U32Option(o, "snaplen", 0);
    opts.buffer_bytes_per_cpu = sinspect::U32Option(o, "bufferBytesPerCpu", 0);
    opts.tracepoints = sinspect::U32Option(o, "tracepoints", SINSPECT_BPF_TP_DEFAULT);
    opts.drop_failed = o.Has("dropFailed") && o.Get("dropFailed").ToBoolean().Value();

    std::vector<uint8_t> wanted = sinspect::SyscallSelection(o, SINSPECT_BPF_SYSCALL_SLOTS);
    if (!wanted.empty()) opts.syscalls = wanted.data();

    sinspect::EarlyFilterOptions filter(o);
    filter.ApplyTo(opts, BpfMode);

    return sinspect::OpenOrThrow(env, sinspect_bpf_open, opts);
  }

  static constexpr auto Start = sinspect_bpf_start, Stop = sinspect_bpf_stop;
  static constexpr auto NextBatch = sinspect_bpf_next_batch;
  // the ring records themselves, to a sink (the 0.29.3 block writer of recordTo)
  static constexpr auto NextRecords = sinspect_bpf_next_records;
  static constexpr auto Ncpus = sinspect_bpf_ncpus;
  static constexpr auto Close = sinspect_bpf_close;

  static Napi::Object Stats(Napi::Env env, Handle *h) {
    struct sinspect_bpf_stats st = sinspect::StatsOrThrow(env, sinspect_bpf_get_stats, h);
    Napi::Object o = sinspect::CommonCounts(env, st);
    sinspect::SetCount(o, "dropsScratch", st.n_drops_scratch);
    sinspect::SetCount(o, "dropsTailCall", st.n_drops_tail_call);
    sinspect::SetCount(o, "filtered", st.n_filtered);
    return o;
  }
};

}  // namespace

namespace sinspect {

void InitBpfEngine(Napi::Env env, Napi::Object exports) {
  exports.Set("BpfLive", LiveEngine<BpfEngine>::Define(env));
}

}  // namespace sinspect
