// scanProc(procDir): the live machine's capture metadata, from a /proc scan.
#include <string>

#include "bindings.h"
#include "procscan.h"

namespace sinspect {
namespace {

Napi::Value ScanProc(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    throw Napi::TypeError::New(env, "scanProc: procDir must be a string");
  }
  std::string dir = info[0].As<Napi::String>();
  capture_meta m;
  meta_init(&m);
  char err[640];
  if (procscan_scan(&m, dir.c_str(), err, sizeof(err))) {
    meta_free(&m);
    throw Napi::Error::New(env, err);
  }
  Napi::Object out;
  try {
    out = MetaToJs(env, m);
  } catch (...) {
    meta_free(&m);
    throw;
  }
  meta_free(&m);
  return out;
}

}  // namespace

void InitProcScan(Napi::Env env, Napi::Object exports) {
  exports.Set("scanProc", Napi::Function::New<ScanProc>(env, "scanProc"));
}

}  // namespace sinspect
