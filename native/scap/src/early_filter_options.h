// The early filter both live engines take from JS: options.pidMode/pids and
// options.commMode/comms ('include' | 'exclude', tgids, thread names). The eBPF
// engine fills its probe's pid_filter/comm_filter maps with them, the kmod engine
// hands them to the module's SET_FILTER ioctl.
#ifndef SINSPECT_EARLY_FILTER_OPTIONS_H
#define SINSPECT_EARLY_FILTER_OPTIONS_H

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace sinspect {

enum class FilterMode { kNone, kInclude, kExclude };

// Holds the values the C engines' options point into: keep it alive until the
// engine is open. Not copyable (comms points into comm_strings).
class EarlyFilterOptions {
 public:
  explicit EarlyFilterOptions(const Napi::Object &o) {
    pid_mode = Mode(o, "pidMode");
    comm_mode = Mode(o, "commMode");
    if (o.Has("pids") && o.Get("pids").IsArray()) {
      Napi::Array a = o.Get("pids").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) pids.push_back(Pid(o.Env(), a.Get(i)));
    }
    if (o.Has("comms") && o.Get("comms").IsArray()) {
      Napi::Array a = o.Get("comms").As<Napi::Array>();
      for (uint32_t i = 0; i < a.Length(); i++) {
        Napi::Value v = a.Get(i);
        if (!v.IsString()) throw Napi::TypeError::New(o.Env(), "comms must be thread names (strings)");
        comm_strings.push_back(v.As<Napi::String>().Utf8Value());
      }
      for (const std::string &s : comm_strings) comms.push_back(s.c_str());
    }
  }
  EarlyFilterOptions(const EarlyFilterOptions &) = delete;
  EarlyFilterOptions &operator=(const EarlyFilterOptions &) = delete;

  FilterMode pid_mode;
  std::vector<uint32_t> pids;
  FilterMode comm_mode;
  std::vector<const char *> comms;

  // Points an engine's options struct (both have pid_mode, pids, npids, comm_mode,
  // comms, ncomms) at these values; mode turns a FilterMode into the engine's enum.
  template <class EngineOptions, class ModeOf>
  void ApplyTo(EngineOptions &opts, ModeOf mode) const {
    opts.pid_mode = mode(pid_mode);
    opts.pids = pids.data();
    opts.npids = pids.size();
    opts.comm_mode = mode(comm_mode);
    opts.comms = comms.data();
    opts.ncomms = comms.size();
  }

 private:
  std::vector<std::string> comm_strings;

  static FilterMode Mode(const Napi::Object &o, const char *key) {
    if (!o.Has(key) || o.Get(key).IsUndefined()) return FilterMode::kNone;
    std::string m = o.Get(key).ToString().Utf8Value();
    if (m == "include") return FilterMode::kInclude;
    if (m == "exclude") return FilterMode::kExclude;
    throw Napi::TypeError::New(o.Env(), std::string(key) + " must be 'include' or 'exclude'");
  }

  static uint32_t Pid(Napi::Env env, const Napi::Value &v) {
    double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
    if (!(d >= 0 && d <= 4294967295.0 && std::floor(d) == d))
      throw Napi::TypeError::New(env, "pids must be process ids (whole numbers)");
    return static_cast<uint32_t>(d);
  }
};

}  // namespace sinspect

#endif
