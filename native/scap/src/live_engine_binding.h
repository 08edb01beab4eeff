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
//     // optional: the engine's records handed to a sink, as they are in its rings
//     // (sinspect_bpf_next_records); the 0.29.3 conversion then reads them there
//     static constexpr auto NextRecords = sinspect_x_next_records;
//   };
#ifndef SINSPECT_LIVE_ENGINE_BINDING_H
#define SINSPECT_LIVE_ENGINE_BINDING_H

#include <napi.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "bindings.h"
#include "compat029.h"
#include "compat029_binding.h"
#include "cpu_rotation.h"
#include "savefile_writer.h"

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

// Whether an engine hands its ring records to a sink (Engine::NextRecords).
template <class E, class = void>
struct HasNextRecords : std::false_type {};
template <class E>
struct HasNextRecords<E, std::void_t<decltype(E::NextRecords)>> : std::true_type {};

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
                              Wrap::InstanceMethod("ncpus", &Self::Ncpus),
                              Wrap::InstanceMethod("convertTo029", &Self::ConvertTo029),
                              Wrap::InstanceMethod("converterStats", &Self::ConverterStats),
                              Wrap::InstanceMethod("recordTo", &Self::RecordTo),
                              Wrap::InstanceMethod("drainInBackground", &Self::DrainInBackground),
                              Wrap::InstanceMethod("recordingError", &Self::RecordingError),
                              Wrap::InstanceMethod("endRecording", &Self::EndRecording)});
  }

  explicit LiveEngine(const Napi::CallbackInfo &info) : Wrap(info) {
    Napi::Env env = info.Env();
    Napi::Object o = info.Length() > 0 && info[0].IsObject() ? info[0].As<Napi::Object>() : Napi::Object::New(env);
    handle_ = Engine::Open(env, o);
    buffer_.resize(kBatchBytes);
  }

  ~LiveEngine() override {
    if (recorder_) FinishRecording();
    Engine::Close(handle_);
  }

 private:
  // One batch is at most this big; the engines fill it with whole records.
  static constexpr size_t kBatchBytes = 8 * 1024 * 1024;
  // With the 0.29.3 conversion: the engine's own records, converted from here into
  // the caller's batch (about twice as large: an enter is added before each exit).
  static constexpr size_t kRawBatchBytes = 4 * 1024 * 1024;
  // The least room the recorder asks the writer for when it builds blocks in place.
  static constexpr size_t kInPlaceBytes = 1024 * 1024;
  // The nice value of the drain thread of recordTo/drainInBackground.
  static constexpr int kDrainNice = -10;
  // How long the drain thread stays on one CPU before it moves to the next.
  static constexpr uint64_t kRotationNs = 10 * 1000 * 1000;

  typename Engine::Handle *Handle(Napi::Env env) {
    if (!handle_) throw Napi::Error::New(env, Engine::kClosed);
    if (recorder_) throw Napi::Error::New(env, "live capture: the capture is being written to a file (recordTo)");
    return handle_;
  }

  // The engine's next batch into dst, converted to 0.29.3's table when convertTo029
  // was called. Records the engine handed out that did not fit in dst stay in raw_
  // for the next call. Returns 0, or -1 with a message in err. Called by the JS
  // thread (nextBatch) or, while recording, only by the recorder's thread.
  int Next(uint8_t *dst, size_t cap, int timeout, size_t *used, uint32_t *count, char *err, size_t errlen,
           compat029_output mode = C029_RECORDS) {
    if (!compat_) return Engine::NextBatch(handle_, dst, cap, timeout, used, count, err, errlen);
    if constexpr (HasNextRecords<Engine>::value) {
      // blocks or counts: converted straight from the rings, without the batch
      // records between (once records a JS batch left over are done)
      if (mode != C029_RECORDS && raw_left_ == 0) {
        sink_mode_ = mode;
        return Engine::NextRecords(handle_, &Self::ConvertFromRing, this, dst, cap, timeout, used, count, err, errlen);
      }
    }
    *used = 0;
    *count = 0;
    // only batch records (JS) come this way from an engine with NextRecords
    if (raw_.empty()) raw_.resize(kRawBatchBytes);
    for (;;) {
      if (raw_left_ == 0) {
        size_t len = 0;
        uint32_t n = 0;
        if (Engine::NextBatch(handle_, raw_.data(), raw_.size(), timeout, &len, &n, err, errlen) != 0) return -1;
        if (n == 0) return 0;
        raw_off_ = 0;
        raw_len_ = len;
        raw_left_ = n;
      }
      size_t in_used = 0;
      uint32_t in_done = 0;
      compat029_convert(compat_->table(), &compat_state_, mode, raw_.data() + raw_off_, raw_len_ - raw_off_, raw_left_,
                        dst, cap, &in_used, &in_done, used, count);
      raw_off_ += in_used;
      raw_left_ = raw_off_ >= raw_len_ ? 0 : raw_left_ - in_done;
      if (*count > 0) return 0;
      if (raw_left_ > 0 && in_done == 0) {
        snprintf(err, errlen, "live capture: a converted event does not fit in a batch of %zu bytes", cap);
        return -1;
      }
      // every record was one 0.29.3 has no form of: an empty batch would read as
      // "nothing waiting" (the end, once stopping), so look again without waiting
      timeout = 0;
    }
  }

  // The sink of NextRecords: one ring record, converted in the form Next was asked for.
  static int ConvertFromRing(void *ctx, const uint8_t *rec, uint32_t len, uint16_t cpu, uint8_t *dst, size_t room,
                             size_t *bytes, uint32_t *records) {
    Self *self = static_cast<Self *>(ctx);
    return compat029_convert_ring_record(self->compat_->table(), &self->compat_state_, self->sink_mode_, rec, len, cpu,
                                         dst, room, bytes, records);
  }

  Napi::Value Start(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (Engine::Start(Handle(info.Env()), err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
    return info.Env().Undefined();
  }

  // allowed while recording: the recorder's thread then drains what is left
  Napi::Value Stop(const Napi::CallbackInfo &info) {
    char err[512] = "";
    if (!handle_) throw Napi::Error::New(info.Env(), Engine::kClosed);
    if (Engine::Stop(handle_, err, sizeof(err)) != 0) throw Napi::Error::New(info.Env(), err);
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
    Handle(env);
    if (Next(dst, cap, timeout, &used, &count, err, sizeof(err)) != 0) throw Napi::Error::New(env, err);
    Napi::Object out = Napi::Object::New(env);
    out.Set("data", reuse ? into : Napi::Buffer<uint8_t>::Copy(env, buffer_.data(), used));
    out.Set("count", Napi::Number::New(env, count));
    out.Set("len", Napi::Number::New(env, static_cast<double>(used)));
    return out;
  }

  Napi::Value Stats(const Napi::CallbackInfo &info) { return Engine::Stats(info.Env(), Handle(info.Env())); }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    if (recorder_) FinishRecording();
    Engine::Close(handle_);
    handle_ = nullptr;
    return info.Env().Undefined();
  }

  // convertTo029(table): from now on batches come in sysdig 0.29.3's table (compat029.h);
  // table is sinsp/capture/compat029-native.ts's flat form.
  Napi::Value ConvertTo029(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Handle(env);
    if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "convertTo029: expected a table");
    compat_ = std::make_unique<Compat029Table>(info[0].As<Napi::Object>());
    return env.Undefined();
  }

  // converterStats() -> { events, entersAdded, dropped } (zeros without convertTo029)
  Napi::Value ConverterStats(const Napi::CallbackInfo &info) {
    Napi::Object o = Napi::Object::New(info.Env());
    SetCount(o, "events", compat_state_.stats.events);
    SetCount(o, "entersAdded", compat_state_.stats.enters_added);
    SetCount(o, "dropped", compat_state_.stats.dropped);
    return o;
  }

  // recordTo(path, compress, meta): creates the capture file, writes its metadata, and
  // from then on a thread of its own takes every batch (converted as nextBatch would
  // hand it out) and appends it to the file; JS calls nothing but endRecording() and
  // close() meanwhile. Throws (one line) when the file cannot be created or written.
  Napi::Value RecordTo(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Handle(env);
    if (info.Length() < 3 || !info[0].IsString() || !info[2].IsObject())
      throw Napi::TypeError::New(env, "recordTo: expected (path, compress, meta)");
    std::string path = info[0].As<Napi::String>();
    if (!compat_) throw Napi::Error::New(env, "recordTo: only a capture converted to 0.29.3's table (convertTo029)");
    char err[640] = "";
    // uncompressed files are written around the page cache (direct_output.h), unless
    // SINSPECT_WRITE_BUFFERED is set (where the device is slower than the copy)
    bool compress = info[1].ToBoolean().Value();
    const char *buffered = getenv("SINSPECT_WRITE_BUFFERED");
    savefile_writer *w = compress || (buffered && *buffered && strcmp(buffered, "0") != 0)
                             ? savefile_writer_open(path.c_str(), compress ? 1 : 0, err, sizeof(err))
                             : savefile_writer_open_direct(path.c_str(), err, sizeof(err));
    if (!w) throw Napi::Error::New(env, err);
    int rc;
    try {
      rc = WriteMetaFromJs(w, info[2].As<Napi::Object>());
    } catch (...) {
      savefile_writer_close(w, nullptr, 0);
      throw;
    }
    if (rc != 0) {
      std::string msg = savefile_writer_error(w);
      savefile_writer_close(w, nullptr, 0);
      throw Napi::Error::New(env, msg);
    }
    StartRecorder(w);
    return env.Undefined();
  }

  // drainInBackground(): recordTo without a file: the thread takes every batch
  // (converted) and only counts its records (-q with nothing looking at events).
  Napi::Value DrainInBackground(const Napi::CallbackInfo &info) {
    Handle(info.Env());
    if (!compat_) throw Napi::Error::New(info.Env(), "drainInBackground: only a capture converted to 0.29.3's table");
    StartRecorder(nullptr);
    return info.Env().Undefined();
  }

  void StartRecorder(savefile_writer *w) {
    recorder_ = std::make_unique<Recorder>();
    recorder_->writer = w;
    recorder_->thread = std::thread([this] { RecordLoop(); });
  }

  // endRecording() -> { records }: the capture should be stopped (stop()) first; the
  // thread then writes (or counts) what the rings still hold and ends, and the file is
  // closed.
  // Throws the first error the thread met (after the records before it are written).
  Napi::Value EndRecording(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!recorder_) throw Napi::Error::New(env, "endRecording: not recording");
    std::pair<uint64_t, std::string> r = FinishRecording();
    if (!r.second.empty()) throw Napi::Error::New(env, r.second);
    Napi::Object o = Napi::Object::New(env);
    SetCount(o, "records", r.first);
    return o;
  }

  // recordingError() -> string | undefined: set once the thread stopped on an error
  Napi::Value RecordingError(const Napi::CallbackInfo &info) {
    if (!recorder_ || !recorder_->done.load(std::memory_order_acquire) || recorder_->error.empty())
      return info.Env().Undefined();
    return Napi::String::New(info.Env(), recorder_->error);
  }

  struct Recorder {
    std::thread thread;
    std::atomic<bool> stop{false};
    std::atomic<bool> done{false};  // the thread has ended (error is then final)
    savefile_writer *writer = nullptr;
    // blocks for a writer without room of its own (-z); not zeroed: zeroing touched all
    // of it even where nothing is ever written there (-q, the direct writer)
    std::unique_ptr<uint8_t[]> out{new uint8_t[kBatchBytes]};
    uint64_t records = 0;
    std::string error;
  };

  // The recorder's thread: batches to the file until asked to stop, then what is left.
  void RecordLoop() {
    // The rings hold a fraction of a second at storm rates: a drain thread that waits
    // for a CPU behind busy processes loses events. It needs little CPU (a few % of a
    // core at 2.5M events/s), so it asks for precedence (root may; else it stays as is).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kDrainNice);
    // and, with that precedence, it takes its time from every CPU in turn rather
    // than from whichever process shares its CPU (cpu_rotation.h)
    cpu_rotation rotation;
    cpu_rotation_begin(&rotation, kRotationNs);
    RecordBatches(&rotation);
    cpu_rotation_end(&rotation);
    recorder_->done.store(true, std::memory_order_release);
  }

  void RecordBatches(cpu_rotation *rotation) {
    Recorder &r = *recorder_;
    char err[512] = "";
    for (;;) {
      cpu_rotation_tick(rotation);
      bool stopping = r.stop.load(std::memory_order_acquire);
      size_t used = 0;
      uint32_t count = 0;
      // -w: event blocks ready for the file, built in the writer's own buffer when it
      // has one (uncompressed: no copy); -q: only counted
      compat029_output mode = r.writer ? C029_BLOCKS : C029_COUNT;
      // the file's own writing thread may have failed since (a full disk)
      if (r.writer && savefile_writer_check(r.writer) != 0) {
        r.error = savefile_writer_error(r.writer);
        return;
      }
      size_t room = 0;
      uint8_t *in_place = r.writer ? savefile_writer_space(r.writer, kInPlaceBytes, &room) : nullptr;
      if (r.writer && !in_place && savefile_writer_error(r.writer)[0]) {
        r.error = savefile_writer_error(r.writer);
        return;
      }
      uint8_t *dst = in_place ? in_place : r.out.get();
      size_t cap = in_place ? room : kBatchBytes;
      if (Next(dst, cap, stopping ? 0 : 100, &used, &count, err, sizeof(err), mode) != 0) {
        r.error = err;
        return;
      }
      if (count == 0) {
        if (stopping) return;
        continue;
      }
      if (in_place) {
        savefile_writer_commit(r.writer, used);
      } else if (r.writer && savefile_writer_write_blocks(r.writer, r.out.get(), used) != 0) {
        r.error = savefile_writer_error(r.writer);
        return;
      }
      r.records += count;
    }
  }

  // Stops and joins the thread, closes the file: (records written, first error or "").
  std::pair<uint64_t, std::string> FinishRecording() {
    recorder_->stop.store(true, std::memory_order_release);
    recorder_->thread.join();
    std::pair<uint64_t, std::string> r{recorder_->records, recorder_->error};
    char err[640] = "";
    if (recorder_->writer && savefile_writer_close(recorder_->writer, err, sizeof(err)) != 0 && r.second.empty())
      r.second = err;
    recorder_.reset();
    return r;
  }

  Napi::Value Ncpus(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), Engine::Ncpus(Handle(info.Env())));
  }

  typename Engine::Handle *handle_ = nullptr;
  std::vector<uint8_t> buffer_;
  // the 0.29.3 conversion (convertTo029) and the engine records not yet converted
  std::unique_ptr<Compat029Table> compat_;
  compat029_state compat_state_{};
  std::vector<uint8_t> raw_;
  size_t raw_off_ = 0, raw_len_ = 0;
  uint32_t raw_left_ = 0;
  // the form ConvertFromRing writes, for the Next call under way
  compat029_output sink_mode_ = C029_RECORDS;
  // -w written natively (recordTo)
  std::unique_ptr<Recorder> recorder_;
};

}  // namespace sinspect

#endif
