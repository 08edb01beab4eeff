// JS class SavefileWriter over the C savefile writer.
#include <string>

#include "bindings.h"
#include "savefile_writer.h"

namespace sinspect {
namespace {

class WriterBinding : public Napi::ObjectWrap<WriterBinding> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "SavefileWriter",
                       {
                           InstanceMethod<&WriterBinding::WriteMetadata>("writeMetadata"),
                           InstanceMethod<&WriterBinding::WriteBatch>("writeBatch"),
                           InstanceMethod<&WriterBinding::WriteBlocks>("writeBlocks"),
                           InstanceMethod<&WriterBinding::BytesWritten>("bytesWritten"),
                           InstanceMethod<&WriterBinding::Close>("close"),
                       });
  }

  // new SavefileWriter(path, compress, direct?): creates the file and writes its section
  // header; direct (uncompressed only): around the page cache (direct_output.h).
  explicit WriterBinding(const Napi::CallbackInfo &info) : Napi::ObjectWrap<WriterBinding>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) {
      throw Napi::TypeError::New(env, "SavefileWriter: path must be a string");
    }
    std::string path = info[0].As<Napi::String>();
    bool compress = info.Length() > 1 && info[1].ToBoolean().Value();
    char err[640];
    bool direct = !compress && info.Length() > 2 && info[2].ToBoolean().Value();
    writer_ = direct ? savefile_writer_open_direct(path.c_str(), err, sizeof(err))
                     : savefile_writer_open(path.c_str(), compress ? 1 : 0, err, sizeof(err));
    if (!writer_) throw Napi::Error::New(env, err);
  }

  ~WriterBinding() override {
    if (writer_) savefile_writer_close(writer_, nullptr, 0);
  }

 private:
  savefile_writer *Open(Napi::Env env) {
    if (!writer_) throw Napi::Error::New(env, "SavefileWriter: the writer is closed");
    return writer_;
  }

  Napi::Value WriteMetadata(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    savefile_writer *w = Open(env);
    if (info.Length() < 1 || !info[0].IsObject()) {
      throw Napi::TypeError::New(env, "writeMetadata: expected a CaptureMetadata object");
    }
    if (WriteMetaFromJs(w, info[0].As<Napi::Object>())) throw Napi::Error::New(env, savefile_writer_error(w));
    return env.Undefined();
  }

  // writeBatch(buf, count): count records in the batch layout, back to back from buf[0].
  Napi::Value WriteBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    savefile_writer *w = Open(env);
    if (info.Length() < 2 || !info[0].IsTypedArray() || !info[1].IsNumber()) {
      throw Napi::TypeError::New(env, "writeBatch: expected (buf: Uint8Array, count: number)");
    }
    Napi::TypedArray ta = info[0].As<Napi::TypedArray>();
    if (ta.TypedArrayType() != napi_uint8_array) {
      throw Napi::TypeError::New(env, "writeBatch: buf must be a Buffer or Uint8Array");
    }
    Napi::Uint8Array buf = info[0].As<Napi::Uint8Array>();
    int64_t count = info[1].As<Napi::Number>().Int64Value();
    if (count < 0 || count > UINT32_MAX) throw Napi::RangeError::New(env, "writeBatch: bad record count");
    if (savefile_writer_write_batch(w, buf.Data(), buf.ByteLength(), static_cast<uint32_t>(count))) {
      throw Napi::Error::New(env, savefile_writer_error(w));
    }
    return env.Undefined();
  }

  // writeBlocks(buf): event blocks made elsewhere (the native 0.29.3 rewriter), as they are
  Napi::Value WriteBlocks(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    savefile_writer *w = Open(env);
    if (info.Length() < 1 || !info[0].IsBuffer()) throw Napi::TypeError::New(env, "writeBlocks: expected a Buffer");
    Napi::Buffer<uint8_t> buf = info[0].As<Napi::Buffer<uint8_t>>();
    if (savefile_writer_write_blocks(w, buf.Data(), buf.Length())) throw Napi::Error::New(env, savefile_writer_error(w));
    return env.Undefined();
  }

  Napi::Value BytesWritten(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(savefile_writer_bytes_written(Open(info.Env()))));
  }

  Napi::Value Close(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!writer_) return env.Undefined();
    char err[640];
    int rc = savefile_writer_close(writer_, err, sizeof(err));
    writer_ = nullptr;
    if (rc) throw Napi::Error::New(env, err);
    return env.Undefined();
  }

  savefile_writer *writer_ = nullptr;
};

}  // namespace

void InitWriter(Napi::Env env, Napi::Object exports) {
  exports.Set("SavefileWriter", WriterBinding::Define(env));
}

}  // namespace sinspect
