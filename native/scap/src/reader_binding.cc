// JS class SavefileReader over the C savefile reader: metadata once, events in batches.
#include <cstdlib>
#include <cstring>
#include <deque>
#include <vector>
#include <memory>
#include <string>

#include "bindings.h"
#include "event_schema.h"
#include "reader_prefetch.h"
#include "savefile_reader.h"

namespace sinspect {
namespace {

// Defaults keep one batch around a few MB: large enough that the per-call cost
// vanishes, small enough to stay in cache-friendly, GC-friendly territory.
constexpr uint32_t kDefaultMaxEvents = 16384;
constexpr size_t kDefaultMaxBytes = 4u << 20;
// Batches read ahead by the prefetch thread: enough to cover a slow read, little memory.
constexpr size_t kPrefetchDepth = 3;

class ReaderBinding : public Napi::ObjectWrap<ReaderBinding> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "SavefileReader",
                       {
                           InstanceMethod<&ReaderBinding::Meta>("meta"),
                           InstanceMethod<&ReaderBinding::NextBatch>("nextBatch"),
                           InstanceMethod<&ReaderBinding::SkipBatch>("skipBatch"),
                           InstanceMethod<&ReaderBinding::BytesRead>("bytesRead"),
                           InstanceMethod<&ReaderBinding::FileSize>("fileSize"),
                           InstanceMethod<&ReaderBinding::Close>("close"),
                       });
  }

  // new SavefileReader(path, currentLibs): opens the file and reads its metadata, or throws.
  // By default the file is read as sysdig 0.29.3 reads it: events of types it does not
  // know are skipped, and process list entries end where its reader ends them.
  // currentLibs reads it as today's libscap does.
  explicit ReaderBinding(const Napi::CallbackInfo &info) : Napi::ObjectWrap<ReaderBinding>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) {
      throw Napi::TypeError::New(env, "SavefileReader: path must be a string");
    }
    std::string path = info[0].As<Napi::String>();
    bool current = info.Length() > 1 && info[1].ToBoolean().Value();
    savefile_reader_options opts{};
    opts.event_type_limit = current ? SCAP_EVENT_TYPE_COUNT : SCAP_EVENT_TYPE_COUNT_SYSDIG029;
    opts.legacy_proclist_tail = current ? 0 : 1;
    char err[640];
    reader_ = savefile_reader_open(path.c_str(), &opts, err, sizeof(err));
    if (!reader_) throw Napi::Error::New(env, err);
    bytes_read_ = savefile_reader_bytes_read(reader_);
  }

  ~ReaderBinding() override { Release(); }

 private:
  savefile_reader *Open(Napi::Env env) {
    if (!reader_) throw Napi::Error::New(env, "SavefileReader: the reader is closed");
    return reader_;
  }

  Napi::Value Meta(const Napi::CallbackInfo &info) {
    return MetaToJs(info.Env(), *savefile_reader_meta(Open(info.Env())));
  }

  // nextBatch(maxEvents?, maxBytes?, slots?) -> { buf, count, len } or { slot, count, len },
  // or null at the end; throws on damage. The first call starts the prefetch thread with
  // that call's limits; from then on batches come from it, read while JS was busy with
  // the one before. `slots`, an array of Buffers given on the first call, turns on
  // batches in JS-owned memory: the thread copies each batch into a free one and the
  // result names it by index (`len` bytes at its start). Each call gives back the slot
  // of the batch before the previous one: JS may use the batch it has and the new one.
  // A batch too large for every slot comes in a fresh Buffer (`buf`).
  Napi::Value NextBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!prefetch_) {
      savefile_reader *r = Open(env);
      uint32_t max_events;
      size_t max_bytes;
      Limits(info, &max_events, &max_bytes);
      std::vector<PrefetchSlot> slots;
      if (info.Length() > 2 && info[2].IsArray()) {
        Napi::Array given = info[2].As<Napi::Array>();
        for (uint32_t i = 0; i < given.Length(); i++) {
          Napi::Value v = given.Get(i);
          if (!v.IsBuffer()) throw Napi::TypeError::New(env, "nextBatch: slots must be Buffers");
          Napi::Buffer<uint8_t> buf = v.As<Napi::Buffer<uint8_t>>();
          // kept alive (and so in place) until the thread is stopped in Release
          slot_refs_.push_back(Napi::Persistent(buf));
          slots.push_back(PrefetchSlot{buf.Data(), buf.Length()});
        }
      }
      prefetch_ = std::make_unique<ReaderPrefetch>(r, max_events, max_bytes, kPrefetchDepth, std::move(slots));
    }
    // only the latest batch stays JS's: the one before it may be overwritten from now on
    while (held_slots_.size() > 1) {
      prefetch_->ReleaseSlot(held_slots_.front());
      held_slots_.pop_front();
    }
    PrefetchedBatch b = prefetch_->Take();
    bytes_read_ = b.bytes_read;
    if (b.count == 0) {
      if (!b.error.empty()) throw Napi::Error::New(env, b.error);
      return env.Null();
    }
    Napi::Object result = Napi::Object::New(env);
    if (b.slot >= 0) {
      held_slots_.push_back(b.slot);
      result.Set("slot", Napi::Number::New(env, b.slot));
    } else {
      // A copy in memory V8 owns, so the garbage collector frees spent batches as it
      // goes: an external buffer's finalizer would wait for the event loop, which a
      // file read never returns to.
      result.Set("buf", Napi::Buffer<uint8_t>::Copy(env, b.data, b.len));
      prefetch_->Recycle(b.data, b.cap);
    }
    result.Set("count", Napi::Number::New(env, static_cast<double>(b.count)));
    result.Set("len", Napi::Number::New(env, static_cast<double>(b.len)));
    return result;
  }

  // skipBatch(maxEvents?, maxBytes?) -> the count of the batch nextBatch would have
  // returned, 0 at the end; throws on damage exactly as nextBatch. The records are
  // read and checked but never reach JS: for callers that look at no event.
  Napi::Value SkipBatch(const Napi::CallbackInfo &info) {
    if (prefetch_) {
      PrefetchedBatch b = prefetch_->Take();
      if (b.slot >= 0) prefetch_->ReleaseSlot(b.slot);
      prefetch_->Recycle(b.data, b.cap);
      bytes_read_ = b.bytes_read;
      if (b.count == 0 && !b.error.empty()) throw Napi::Error::New(info.Env(), b.error);
      return Napi::Number::New(info.Env(), static_cast<double>(b.count));
    }
    int64_t n = ReadBatch(info);
    ReleaseLargeBatch();
    return Napi::Number::New(info.Env(), static_cast<double>(n));
  }

  static void Limits(const Napi::CallbackInfo &info, uint32_t *max_events, size_t *max_bytes) {
    *max_events = kDefaultMaxEvents;
    *max_bytes = kDefaultMaxBytes;
    if (info.Length() > 0 && info[0].IsNumber()) {
      int64_t v = info[0].As<Napi::Number>().Int64Value();
      if (v > 0) *max_events = v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v);
    }
    if (info.Length() > 1 && info[1].IsNumber()) {
      int64_t v = info[1].As<Napi::Number>().Int64Value();
      if (v > 0) *max_bytes = static_cast<size_t>(v);
    }
  }

  // The next batch into batch_ (count, 0 at the end), or throws the reader's error.
  // Only before the prefetch thread starts: skipping reads on the JS thread.
  int64_t ReadBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    savefile_reader *r = Open(env);
    uint32_t max_events;
    size_t max_bytes;
    Limits(info, &max_events, &max_bytes);
    batch_.len = 0;
    batch_.count = 0;
    int64_t n = savefile_reader_next_batch(r, max_events, max_bytes, &batch_);
    if (n < 0) throw Napi::Error::New(env, savefile_reader_error(r));
    bytes_read_ = savefile_reader_bytes_read(r);
    return n;
  }

  // Don't hold on to the memory of one exceptionally large batch.
  void ReleaseLargeBatch() {
    if (batch_.cap > 4 * kDefaultMaxBytes) {
      std::free(batch_.data);
      batch_ = event_batch{};
    }
  }

  Napi::Value BytesRead(const Napi::CallbackInfo &info) {
    Open(info.Env());
    // what the batches handed out so far cover (the prefetch thread is further on)
    return Napi::Number::New(info.Env(), static_cast<double>(bytes_read_));
  }

  Napi::Value FileSize(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(savefile_reader_file_size(Open(info.Env()))));
  }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    Release();
    return info.Env().Undefined();
  }

  void Release() {
    // the thread reads with reader_: stop it first
    prefetch_.reset();
    slot_refs_.clear();
    held_slots_.clear();
    savefile_reader_close(reader_);
    reader_ = nullptr;
    std::free(batch_.data);
    batch_ = event_batch{};
  }

  savefile_reader *reader_ = nullptr;
  event_batch batch_{};
  std::unique_ptr<ReaderPrefetch> prefetch_;
  std::vector<Napi::Reference<Napi::Buffer<uint8_t>>> slot_refs_;  // JS memory the thread writes
  std::deque<int> held_slots_;  // slots of the batches JS has, oldest first
  uint64_t bytes_read_ = 0;
};

}  // namespace

void InitReader(Napi::Env env, Napi::Object exports) {
  exports.Set("SavefileReader", ReaderBinding::Define(env));
}

}  // namespace sinspect
