// JS face of the live eBPF engine: `new BpfLive(options)` loads and attaches the
// probe; nextBatch() returns one Buffer of batch records per call (the class is
// live_engine_binding.h's, shared with the kernel-module engine).
#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings.h"
#include "engine_bpf.h"
#include "live_engine_binding.h"

namespace {

enum sinspect_bpf_filter_mode ModeFrom(const Napi::Object &o, const char *key) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return SINSPECT_BPF_FILTER_NONE;
  std::string m = o.Get(key).ToString().Utf8Value();
  if (m == "include") return SINSPECT_BPF_FILTER_INCLUDE;
  if (m == "exclude") return SINSPECT_BPF_FILTER_EXCLUDE;
  throw Napi::TypeError::New(o.Env(), std::string(key) + " must be 'include' or 'exclude'");
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

    std::vector<uint32_t> pids;
    opts.pid_mode = ModeFrom(o, "pidMode");
    if (o.Has("pids") && o.Get("pids").IsArray()) {
      Napi::Array a = o.Get("pids").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) pids.push_back(a.Get(i).ToNumber().Uint32Value());
    }
    opts.pids = pids.data();
    opts.npids = pids.size();

    std::vector<std::string> comm_strings;
    std::vector<const char *> comms;
    opts.comm_mode = ModeFrom(o, "commMode");
    if (o.Has("comms") && o.Get("comms").IsArray()) {
      Napi::Array a = o.Get("comms").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) comm_strings.push_back(a.Get(i).ToString().Utf8Value());
      for (auto &s : comm_strings) comms.push_back(s.c_str());
    }
    opts.comms = comms.data();
    opts.ncomms = comms.size();

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
