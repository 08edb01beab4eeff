// Shared declarations of the node-addon-api layer (the library itself is C).
#ifndef SINSPECT_BINDINGS_H
#define SINSPECT_BINDINGS_H

#include <napi.h>

#include "capture_meta.h"

struct savefile_writer;

namespace sinspect {

// Plain JS object (CaptureMetadata in sinsp/capture/types.ts) from the C model.
Napi::Object MetaToJs(Napi::Env env, const capture_meta &m);

// Fills m (initialised by the caller) from a CaptureMetadata-shaped object.
// Missing fields take libscap's defaults; wrong types throw a TypeError.
void MetaFromJs(Napi::Object obj, capture_meta &m);

// Writes a CaptureMetadata-shaped object as w's metadata blocks: throws (as
// MetaFromJs) when the object is malformed, else returns savefile_writer_write_meta's
// result (-1: see savefile_writer_error).
int WriteMetaFromJs(::savefile_writer *w, Napi::Object obj);

void InitReader(Napi::Env env, Napi::Object exports);
void InitWriter(Napi::Env env, Napi::Object exports);
void InitProcScan(Napi::Env env, Napi::Object exports);

#ifdef SINSPECT_HAVE_BPF
// Hook for the live eBPF engine (src/engine_bpf_binding.cc, added to the build by
// native/driver/bpf/probe.cmake, which also defines SINSPECT_HAVE_BPF): it defines
// this function to add its exports; binding.cc calls it.
void InitBpfEngine(Napi::Env env, Napi::Object exports);
#endif

// The 0.29.3 rewriter of live batches, on its own (compat029_binding.cc).
void InitCompat029(Napi::Env env, Napi::Object exports);

// The kernel-module engine (engine_kmod_binding.cc).
void InitKmodEngine(Napi::Env env, Napi::Object exports);

}  // namespace sinspect

#endif
