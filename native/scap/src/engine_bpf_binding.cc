// JS face of the live eBPF engine: `new BpfLive(options)` loads and attaches the
// probe; nextBatch() returns one Buffer of batch records per call.
#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings.h"
#include "engine_bpf.h"

namespace {

constexpr size_t kBatchBytes = 8 * 1024 * 1024;

enum sinspect_bpf_filter_mode ModeFrom(const Napi::Object &o, const char *key) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return SINSPECT_BPF_FILTER_NONE;
  std::string m = o.Get(key).ToString().Utf8Value();
  if (m == "include") return SINSPECT_BPF_FILTER_INCLUDE;
  if (m == "exclude") return SINSPECT_BPF_FILTER_EXCLUDE;
  throw Napi::TypeError::New(o.Env(), std::string(key) + " must be 'include' or 'exclude'");
}

uint32_t U32From(const Napi::Object &o, const char *key, uint32_t dflt) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return dflt;
  return o.Get(key).ToNumber().Uint32Value();
}

class BpfLive : public Napi::ObjectWrap<BpfLive> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "BpfLive",
                       {InstanceMethod("start", &BpfLive::Start), InstanceMethod("stop", &BpfLive::Stop),
                        InstanceMethod("nextBatch", &BpfLive::NextBatch),
                        InstanceMethod("stats", &BpfLive::Stats), InstanceMethod("close", &BpfLive::Close),
                        InstanceMethod("ncpus", &BpfLive::Ncpus)});
  }

  // options: { snaplen?, bufferBytesPerCpu?, syscalls?: number[] (x86_64 nrs),
  //   tracepoints?: number (SINSPECT_BPF_TP_* bits), dropFailed?: boolean,
  //   pidMode?: 'include'|'exclude', pids?: number[], commMode?, comms?: string[] }
  explicit BpfLive(const Napi::CallbackInfo &info) : Napi::ObjectWrap<BpfLive>(info) {
    Napi::Env env = info.Env();
    Napi::Object o = info.Length() > 0 && info[0].IsObject() ? info[0].As<Napi::Object>() : Napi::Object::New(env);

    struct sinspect_bpf_options opts;
    std::memset(&opts, 0, sizeof(opts));
    opts.snaplen = U32From(o, "snaplen", 0);
    opts.buffer_bytes_per_cpu = U32From(o, "bufferBytesPerCpu", 0);
    opts.tracepoints = U32From(o, "tracepoints", SINSPECT_BPF_TP_DEFAULT);
    opts.drop_failed = o.Has("dropFailed") && o.Get("dropFailed").ToBoolean().Value();

    std::vector<uint8_t> wanted;
    if (o.Has("syscalls") && o.Get("syscalls").IsArray()) {
      wanted.assign(SINSPECT_BPF_SYSCALL_SLOTS, 0);
      Napi::Array a = o.Get("syscalls").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) {
        uint32_t nr = a.Get(i).ToNumber().Uint32Value();
        if (nr < SINSPECT_BPF_SYSCALL_SLOTS) wanted[nr] = 1;
      }
      opts.syscalls = wanted.data();
    }

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

    char err[512] = "";
    if (sinspect_bpf_open(&opts, &handle_, err, sizeof(err)) != 0) {
      throw Napi::Error::New(env, err);
    }
    buffer_.resize(kBatchBytes);
  }

  ~BpfLive() override { sinspect_bpf_close(handle_); }

 private:
  struct sinspect_bpf *Handle(Napi::Env env) {
    if (!handle_) throw Napi::Error::New(env, "live capture: the capture is closed");
    return handle_;
  }

  Napi::Value Start(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (sinspect_bpf_start(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  Napi::Value Stop(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (sinspect_bpf_stop(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  // nextBatch(timeoutMs) -> { data: Buffer, count: number } (count 0: nothing yet)
  Napi::Value NextBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    int timeout = info.Length() > 0 ? info[0].ToNumber().Int32Value() : 0;
    size_t used = 0;
    uint32_t count = 0;
    char err[512] = "";
    if (sinspect_bpf_next_batch(Handle(env), buffer_.data(), buffer_.size(), timeout, &used, &count, err,
                                sizeof(err)) != 0) {
      throw Napi::Error::New(env, err);
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("data", Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), used));
    out.Set("count", Napi::Number::New(env, count));
    return out;
  }

  Napi::Value Stats(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    struct sinspect_bpf_stats st;
    char err[512] = "";
    if (sinspect_bpf_get_stats(Handle(env), &st, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
    Napi::Object o = Napi::Object::New(env);
    o.Set("events", Napi::Number::New(env, (double)st.n_evts));
    o.Set("delivered", Napi::Number::New(env, (double)st.n_delivered));
    o.Set("drops", Napi::Number::New(env, (double)st.n_drops));
    o.Set("dropsBuffer", Napi::Number::New(env, (double)st.n_drops_buffer));
    o.Set("dropsMaxSize", Napi::Number::New(env, (double)st.n_drops_max_size));
    o.Set("dropsScratch", Napi::Number::New(env, (double)st.n_drops_scratch));
    o.Set("dropsTailCall", Napi::Number::New(env, (double)st.n_drops_tail_call));
    o.Set("dropsBug", Napi::Number::New(env, (double)st.n_drops_bug));
    o.Set("filtered", Napi::Number::New(env, (double)st.n_filtered));
    o.Set("readFaults", Napi::Number::New(env, (double)st.n_read_faults));
    return o;
  }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    sinspect_bpf_close(handle_);
    handle_ = nullptr;
    return info.Env().Undefined();
  }

  Napi::Value Ncpus(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), sinspect_bpf_ncpus(Handle(info.Env())));
  }

  struct sinspect_bpf *handle_ = nullptr;
  std::vector<uint8_t> buffer_;
};

}  // namespace

namespace sinspect {

void InitBpfEngine(Napi::Env env, Napi::Object exports) {
  exports.Set("BpfLive", BpfLive::Define(env));
}

}  // namespace sinspect
