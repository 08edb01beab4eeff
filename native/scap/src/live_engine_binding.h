// The JS class of a live engine (the eBPF probe's, the kernel module's): both C
// engines have the same life cycle (open, start, next_batch ..., stop, close),
// so one template gives JS the same methods over either. An engine is described
// by a traits struct:
//
//   struct Engine {
//     using Handle = struct sinspect_x;
//     static constexpr const char *kClassName;   // the JS class
//     static constexpr const char *kClosed;      // the error once closed
//     static Handle *Open(Napi::Env, const Napi::Object &options);  // throws
//     static Napi::Object Stats(Napi::Env, Handle *);                 // throws
//     // the C engine's functions:
//     static constexpr auto Start = sinspect_x_start, Stop = ..., NextBatch = ...,
//                           Ncpus = ..., Close = ...;
//   };
#ifndef SINSPECT_LIVE_ENGINE_BINDING_H
#define SINSPECT_LIVE_ENGINE_BINDING_H

#include <napi.h>

#include <cstdint>
#include <vector>

namespace sinspect {

// options[key] as a u32, or dflt when absent.
inline uint32_t U32Option(const Napi::Object &o, const char *key, uint32_t dflt) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return dflt;
  return o.Get(key).ToNumber().Uint32Value();
}

// options.syscalls (x86_64 numbers) as a table of `slots` flags; empty when the
// option is absent (every syscall). Numbers past the table are ignored.
inline std::vector<uint8_t> SyscallSelection(const Napi::Object &o, size_t slots) {
  std::vector<uint8_t> wanted;
  if (!o.Has("syscalls") || !o.Get("syscalls").IsArray()) return wanted;
  wanted.assign(slots, 0);
  Napi::Array a = o.Get("syscalls").As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); i++) {
    uint32_t nr = a.Get(i).ToNumber().Uint32Value();
    if (nr < slots) wanted[nr] = 1;
  }
  return wanted;
}

// Calls a C engine's open function; its error becomes a JS exception.
template <class Handle, class Options>
Handle *OpenOrThrow(Napi::Env env, int (*open)(const Options *, Handle **, char *, size_t), const Options &opts) {
  Handle *h = nullptr;
  char err[512] = "";
  if (open(&opts, &h, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
  return h;
}

// Reads a C engine's statistics; its error becomes a JS exception.
template <class Handle, class Stats>
Stats StatsOrThrow(Napi::Env env, int (*get)(Handle *, Stats *, char *, size_t), Handle *h) {
  Stats st;
  char err[512] = "";
  if (get(h, &st, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
  return st;
}

// A driver counter as a JS number (exact up to 2^53).
inline void SetCount(Napi::Object &o, const char *key, uint64_t v) {
  o.Set(key, Napi::Number::New(o.Env(), static_cast<double>(v)));
}

// The counters both engines keep (their C stats structs name them alike).
template <class Stats>
Napi::Object CommonCounts(Napi::Env env, const Stats &st) {
  Napi::Object o = Napi::Object::New(env);
  SetCount(o, "events", st.n_evts);
  SetCount(o, "delivered", st.n_delivered);
  SetCount(o, "drops", st.n_drops);
  SetCount(o, "dropsBuffer", st.n_drops_buffer);
  SetCount(o, "dropsMaxSize", st.n_drops_max_size);
  SetCount(o, "dropsBug", st.n_drops_bug);
  SetCount(o, "readFaults", st.n_read_faults);
  return o;
}

template <class Engine>
class LiveEngine : public Napi::ObjectWrap<LiveEngine<Engine>> {
  using Self = LiveEngine<Engine>;
  using Wrap = Napi::ObjectWrap<Self>;

 public:
  static Napi::Function Define(Napi::Env env) {
    return Wrap::DefineClass(env, Engine::kClassName,
                             {Wrap::InstanceMethod("start", &Self::Start), Wrap::InstanceMethod("stop", &Self::Stop),
                              Wrap::InstanceMethod("nextBatch", &Self::NextBatch),
                              Wrap::InstanceMethod("stats", &Self::Stats), Wrap::InstanceMethod("close", &Self::Close),
                              Wrap::InstanceMethod("ncpus", &Self::Ncpus)});
  }

  explicit LiveEngine(const Napi::CallbackInfo &info) : Wrap(info) {
    Napi::Env env = info.Env();
    Napi::Object o = info.Length() > 0 && info[0].IsObject() ? info[0].As<Napi::Object>() : Napi::Object::New(env);
    handle_ = Engine::Open(env, o);
    buffer_.resize(kBatchBytes);
  }

  ~LiveEngine() override { Engine::Close(handle_); }

 private:
  // One batch is at most this big; the engines fill it with whole records.
  static constexpr size_t kBatchBytes = 8 * 1024 * 1024;

  typename Engine::Handle *Handle(Napi::Env env) {
    if (!handle_) throw Napi::Error::New(env, Engine::kClosed);
    return handle_;
  }

  Napi::Value Start(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (Engine::Start(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  Napi::Value Stop(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (Engine::Stop(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  // nextBatch(timeoutMs, into?) -> { data: Buffer, count: number, len: number }
  // (count 0: nothing yet). With `into` (a Buffer the caller is done with) the engine
  // writes the records straight into it, as many as fit, and `data` is `into`;
  // otherwise into a fresh Buffer of `len` bytes.
  Napi::Value NextBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    int timeout = info.Length() > 0 ? info[0].ToNumber().Int32Value() : 0;
    bool reuse = info.Length() > 1 && info[1].IsBuffer();
    Napi::Buffer<uint8_t> into = reuse ? info[1].As<Napi::Buffer<uint8_t>>() : Napi::Buffer<uint8_t>();
    uint8_t *dst = reuse ? into.Data() : buffer_.data();
    size_t cap = reuse ? into.Length() : buffer_.size();
    size_t used = 0;
    uint32_t count = 0;
    char err[512] = "";
    if (Engine::NextBatch(Handle(env), dst, cap, timeout, &used, &count, err, sizeof(err)) != 0)
      throw Napi::Error::New(env, err);
    Napi::Object out = Napi::Object::New(env);
    out.Set("data", reuse ? into : Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), used));
    out.Set("count", Napi::Number::New(env, count));
    out.Set("len", Napi::Number::New(env, static_cast<double>(used)));
    return out;
  }

  Napi::Value Stats(const Napi::CallbackInfo &info) { return Engine::Stats(info.Env(), Handle(info.Env())); }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    Engine::Close(handle_);
    handle_ = nullptr;
    return info.Env().Undefined();
  }

  Napi::Value Ncpus(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), Engine::Ncpus(Handle(info.Env())));
  }

  typename Engine::Handle *handle_ = nullptr;
  std::vector<uint8_t> buffer_;
};

}  // namespace sinspect

#endif
