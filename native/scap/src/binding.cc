// Module entry point of sinspect_scap.node: registers each part of the binding.
#include "bindings.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  sinspect::InitReader(env, exports);
  sinspect::InitWriter(env, exports);
  sinspect::InitProcScan(env, exports);
  sinspect::InitKmodEngine(env, exports);
  sinspect::InitCompat029(env, exports);
#ifdef SINSPECT_HAVE_BPF
  sinspect::InitBpfEngine(env, exports);
#endif
  return exports;
}

}  // namespace

NODE_API_MODULE(sinspect_scap, Init)
