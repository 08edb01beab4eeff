// JS face of the kernel-module engine: `new KmodLive(options)` opens the
// /dev/sinspect<cpu> devices; nextBatch() returns one Buffer of batch records
// (the class is live_engine_binding.h's, shared with the eBPF engine).
#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings.h"
#include "early_filter_options.h"
#include "engine_kmod.h"
#include "live_engine_binding.h"

namespace {

enum sinspect_kmod_filter_mode KmodMode(sinspect::FilterMode m) {
  switch (m) {
    case sinspect::FilterMode::kInclude: return SINSPECT_KMOD_FILTER_INCLUDE;
    case sinspect::FilterMode::kExclude: return SINSPECT_KMOD_FILTER_EXCLUDE;
    default: return SINSPECT_KMOD_FILTER_NONE;
  }
}

struct KmodEngine {
  using Handle = struct sinspect_kmod;
  static constexpr const char *kClassName = "KmodLive";
  static constexpr const char *kClosed = "kernel module capture: the capture is closed";

  // options: { snaplen?, syscalls?: number[] (x86_64 nrs), tracepoints?: number
  //   (SINSPECT_KMOD_ENGINE_TP_* bits), dropFailed?: boolean, devDir?: string,
  //   pidMode?: 'include'|'exclude', pids?: number[], commMode?, comms?: string[] }
  static Handle *Open(Napi::Env env, const Napi::Object &o) {
    struct sinspect_kmod_options opts;
    std::memset(&opts, 0, sizeof(opts));
    opts.snaplen = sinspect::U32Option(o, "snaplen", 0);
    opts.tracepoints =
        sinspect::U32Option(o, "tracepoints", SINSPECT_KMOD_ENGINE_TP_PROC_EXIT | SINSPECT_KMOD_ENGINE_TP_SIGNAL);
    opts.drop_failed = o.Has("dropFailed") && o.Get("dropFailed").ToBoolean().Value();

    std::vector<uint8_t> wanted = sinspect::SyscallSelection(o, SINSPECT_KMOD_SYSCALLS);
    if (!wanted.empty()) opts.syscalls = wanted.data();
    std::string dev_dir;
    if (o.Has("devDir") && o.Get("devDir").IsString()) {
      dev_dir = o.Get("devDir").As<Napi::String>().Utf8Value();
      opts.dev_dir = dev_dir.c_str();
    }
    sinspect::EarlyFilterOptions filter(o);
    filter.ApplyTo(opts, KmodMode);

    return sinspect::OpenOrThrow(env, sinspect_kmod_open, opts);
  }

  static constexpr auto Start = sinspect_kmod_start, Stop = sinspect_kmod_stop;
  static constexpr auto NextBatch = sinspect_kmod_next_batch;
  static constexpr auto Ncpus = sinspect_kmod_ncpus;
  static constexpr auto Close = sinspect_kmod_close;

  static Napi::Object Stats(Napi::Env env, Handle *h) {
    struct sinspect_kmod_engine_stats st = sinspect::StatsOrThrow(env, sinspect_kmod_get_stats, h);
    Napi::Object o = sinspect::CommonCounts(env, st);
    sinspect::SetCount(o, "dropsNested", st.n_drops_nested);
    sinspect::SetCount(o, "contextSwitches", st.n_context_switches);
    sinspect::SetCount(o, "filtered", st.n_filtered);
    return o;
  }
};

}  // namespace

namespace sinspect {

void InitKmodEngine(Napi::Env env, Napi::Object exports) {
  exports.Set("KmodLive", LiveEngine<KmodEngine>::Define(env));
}

}  // namespace sinspect
