// JS face of the kernel-module engine: `new KmodLive(options)` opens the
// /dev/sinspect<cpu> devices; nextBatch() returns one Buffer of batch records.
#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings.h"
#include "engine_kmod.h"

namespace {

constexpr size_t kBatchBytes = 8 * 1024 * 1024;

uint32_t U32Option(const Napi::Object &o, const char *key, uint32_t dflt) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return dflt;
  return o.Get(key).ToNumber().Uint32Value();
}

class KmodLive : public Napi::ObjectWrap<KmodLive> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "KmodLive",
                       {InstanceMethod("start", &KmodLive::Start), InstanceMethod("stop", &KmodLive::Stop),
                        InstanceMethod("nextBatch", &KmodLive::NextBatch),
                        InstanceMethod("stats", &KmodLive::Stats), InstanceMethod("close", &KmodLive::Close),
                        InstanceMethod("ncpus", &KmodLive::Ncpus)});
  }

  // options: { snaplen?, syscalls?: number[] (x86_64 nrs), tracepoints?: number
  //   (SINSPECT_KMOD_ENGINE_TP_* bits), dropFailed?: boolean, devDir?: string }
  explicit KmodLive(const Napi::CallbackInfo &info) : Napi::ObjectWrap<KmodLive>(info) {
    Napi::Env env = info.Env();
    Napi::Object o = info.Length() > 0 && info[0].IsObject() ? info[0].As<Napi::Object>() : Napi::Object::New(env);
    struct sinspect_kmod_options opts;
    std::memset(&opts, 0, sizeof(opts));
    opts.snaplen = U32Option(o, "snaplen", 0);
    opts.tracepoints = U32Option(o, "tracepoints", SINSPECT_KMOD_ENGINE_TP_PROC_EXIT | SINSPECT_KMOD_ENGINE_TP_SIGNAL);
    opts.drop_failed = o.Has("dropFailed") && o.Get("dropFailed").ToBoolean().Value();

    std::vector<uint8_t> wanted;
    if (o.Has("syscalls") && o.Get("syscalls").IsArray()) {
      wanted.assign(SINSPECT_KMOD_SYSCALLS, 0);
      Napi::Array a = o.Get("syscalls").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) {
        uint32_t nr = a.Get(i).ToNumber().Uint32Value();
        if (nr < SINSPECT_KMOD_SYSCALLS) wanted[nr] = 1;
      }
      opts.syscalls = wanted.data();
    }
    std::string dev_dir;
    if (o.Has("devDir") && o.Get("devDir").IsString()) {
      dev_dir = o.Get("devDir").As<Napi::String>().Utf8Value();
      opts.dev_dir = dev_dir.c_str();
    }

    char err[512] = "";
    if (sinspect_kmod_open(&opts, &handle_, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
    buffer_.resize(kBatchBytes);
  }

  ~KmodLive() override { sinspect_kmod_close(handle_); }

 private:
  struct sinspect_kmod *Handle(Napi::Env env) {
    if (!handle_) throw Napi::Error::New(env, "kernel module capture: the capture is closed");
    return handle_;
  }

  Napi::Value Start(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (sinspect_kmod_start(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  Napi::Value Stop(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (sinspect_kmod_stop(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  // nextBatch(timeoutMs) -> { data: Buffer, count: number } (count 0: nothing yet)
  Napi::Value NextBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    int timeout = info.Length() > 0 ? info[0].ToNumber().Int32Value() : 0;
    size_t used = 0;
    uint32_t count = 0;
    char err[512] = "";
    if (sinspect_kmod_next_batch(Handle(env), buffer_.data(), buffer_.size(), timeout, &used, &count, err,
                                 sizeof(err)) != 0)
      throw Napi::Error::New(env, err);
    Napi::Object out = Napi::Object::New(env);
    out.Set("data", Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), used));
    out.Set("count", Napi::Number::New(env, count));
    return out;
  }

  Napi::Value Stats(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    struct sinspect_kmod_engine_stats st;
    char err[512] = "";
    if (sinspect_kmod_get_stats(Handle(env), &st, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
    Napi::Object o = Napi::Object::New(env);
    o.Set("events", Napi::Number::New(env, (double)st.n_evts));
    o.Set("delivered", Napi::Number::New(env, (double)st.n_delivered));
    o.Set("drops", Napi::Number::New(env, (double)st.n_drops));
    o.Set("dropsBuffer", Napi::Number::New(env, (double)st.n_drops_buffer));
    o.Set("dropsMaxSize", Napi::Number::New(env, (double)st.n_drops_max_size));
    o.Set("dropsNested", Napi::Number::New(env, (double)st.n_drops_nested));
    o.Set("dropsBug", Napi::Number::New(env, (double)st.n_drops_bug));
    o.Set("readFaults", Napi::Number::New(env, (double)st.n_read_faults));
    o.Set("contextSwitches", Napi::Number::New(env, (double)st.n_context_switches));
    return o;
  }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    sinspect_kmod_close(handle_);
    handle_ = nullptr;
    return info.Env().Undefined();
  }

  Napi::Value Ncpus(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), sinspect_kmod_ncpus(Handle(info.Env())));
  }

  struct sinspect_kmod *handle_ = nullptr;
  std::vector<uint8_t> buffer_;
};

}  // namespace

namespace sinspect {

void InitKmodEngine(Napi::Env env, Napi::Object exports) {
  exports.Set("KmodLive", KmodLive::Define(env));
}

}  // namespace sinspect
