// JS class Compat029 over compat029.c, for tests and tools: the conversion the live
// engine runs on its batches (convertTo029), applied to any batch JS holds.
#include <cstring>
#include <string>
#include <vector>

#include "bindings.h"
#include "compat029_binding.h"

namespace sinspect {
namespace {

class Compat029Binding : public Napi::ObjectWrap<Compat029Binding> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Compat029",
                       {InstanceMethod<&Compat029Binding::Convert>("convert"),
                        InstanceMethod<&Compat029Binding::ConvertRing>("convertRing"),
                        InstanceMethod<&Compat029Binding::Stats>("stats")});
  }

  // new Compat029(table): table in compat029-native.ts's flat form
  explicit Compat029Binding(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Compat029Binding>(info) {
    if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(info.Env(), "Compat029: expected a table");
    table_ = std::make_unique<Compat029Table>(info[0].As<Napi::Object>());
  }

 private:
  // convert(buf, count, cap?, form?) -> { data: Buffer, count, inUsed, inDone }: as
  // many records as fit in cap bytes (default: room for all of them), as batch
  // records, or with form 'blocks' as scap event blocks ('count': only counted)
  Napi::Value Convert(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsBuffer() || !info[1].IsNumber())
      throw Napi::TypeError::New(env, "convert: expected (buf: Buffer, count: number, cap?: number)");
    Napi::Buffer<uint8_t> in = info[0].As<Napi::Buffer<uint8_t>>();
    uint32_t n = info[1].ToNumber().Uint32Value();
    size_t cap = info.Length() > 2 && info[2].IsNumber() ? info[2].ToNumber().Uint32Value() : in.Length() * 8 + 4096;
    compat029_output mode = Form(info, 3);
    std::vector<uint8_t> out(cap);
    size_t in_used = 0, used = 0;
    uint32_t in_done = 0, count = 0;
    compat029_convert(table_->table(), &state_, mode, in.Data(), in.Length(), n, out.data(), out.size(), &in_used, &in_done,
                      &used, &count);
    return Result(env, out, used, count, in_used, in_done);
  }

  // convertRing(buf, cpu, cap?, form?) -> { data: Buffer, count, inUsed, inDone }: the
  // same from ring records (as the eBPF probe writes them: event header, u16
  // lengths), one after the other in buf, one at a time as the live engine hands
  // them over (compat029_convert_ring_record), until one does not fit
  Napi::Value ConvertRing(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsBuffer() || !info[1].IsNumber())
      throw Napi::TypeError::New(env, "convertRing: expected (buf: Buffer, cpu: number, cap?: number)");
    Napi::Buffer<uint8_t> in = info[0].As<Napi::Buffer<uint8_t>>();
    uint16_t cpu = static_cast<uint16_t>(info[1].ToNumber().Uint32Value());
    size_t cap = info.Length() > 2 && info[2].IsNumber() ? info[2].ToNumber().Uint32Value() : in.Length() * 8 + 4096;
    compat029_output mode = Form(info, 3);
    std::vector<uint8_t> out(cap);
    size_t off = 0, used = 0;
    uint32_t done = 0, count = 0;
    while (off + 20 <= in.Length()) {
      uint32_t len;
      std::memcpy(&len, in.Data() + off + 16, 4);
      if (len == 0 || len > in.Length() - off) break;
      size_t bytes = 0;
      uint32_t records = 0;
      if (compat029_convert_ring_record(table_->table(), &state_, mode, in.Data() + off, len, cpu, out.data() + used,
                                        out.size() - used, &bytes, &records) > 0)
        break;
      used += bytes;
      count += records;
      off += len;
      done++;
    }
    return Result(env, out, used, count, off, done);
  }

  // { data, count, inUsed, inDone } of convert and convertRing
  static Napi::Object Result(Napi::Env env, const std::vector<uint8_t> &out, size_t used, uint32_t count,
                             size_t in_used, uint32_t in_done) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("data", Napi::Buffer<uint8_t>::Copy(env, out.data(), used));
    o.Set("count", Napi::Number::New(env, count));
    o.Set("inUsed", Napi::Number::New(env, static_cast<double>(in_used)));
    o.Set("inDone", Napi::Number::New(env, in_done));
    return o;
  }

  // info[i]: 'records' (default), 'blocks' or 'count'
  static compat029_output Form(const Napi::CallbackInfo &info, size_t i) {
    if (info.Length() <= i || !info[i].IsString()) return C029_RECORDS;
    std::string form = info[i].As<Napi::String>();
    if (form == "blocks") return C029_BLOCKS;
    if (form == "count") return C029_COUNT;
    if (form != "records") throw Napi::TypeError::New(info.Env(), "convert: form must be 'records', 'blocks' or 'count'");
    return C029_RECORDS;
  }

  Napi::Value Stats(const Napi::CallbackInfo &info) {
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("events", Napi::Number::New(info.Env(), static_cast<double>(state_.stats.events)));
    o.Set("entersAdded", Napi::Number::New(info.Env(), static_cast<double>(state_.stats.enters_added)));
    o.Set("dropped", Napi::Number::New(info.Env(), static_cast<double>(state_.stats.dropped)));
    return o;
  }

  std::unique_ptr<Compat029Table> table_;
  compat029_state state_{};
};

}  // namespace

void InitCompat029(Napi::Env env, Napi::Object exports) {
  exports.Set("Compat029", Compat029Binding::Define(env));
}

}  // namespace sinspect
