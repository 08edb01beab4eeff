// The 0.29.3 conversion table as JS hands it over (sinsp/capture/compat029-native.ts:
// flat typed arrays), copied into C++-owned storage that compat029.c reads.
#ifndef SINSPECT_COMPAT029_BINDING_H
#define SINSPECT_COMPAT029_BINDING_H

#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "compat029.h"

namespace sinspect {

// Fields per entry of the flat arrays (compat029-native.ts says the same).
constexpr uint32_t kPlanFields = 7;  // flags, enter type, enter nrules, enter first rule, out type, out nrules, out first
constexpr uint32_t kRuleFields = 6;  // kind, from, size, signed, bytes offset, bytes length
constexpr uint32_t kPlanPresent = 1, kPlanHasEnter = 2, kPlanChildWithoutEnter = 4;

class Compat029Table {
 public:
  // Throws a TypeError when the object is not a table of compat029-native.ts's shape.
  explicit Compat029Table(const Napi::Object &o) {
    Napi::Env env = o.Env();
    std::vector<uint32_t> plans = U32s(o, "plans");
    std::vector<uint32_t> rules = U32s(o, "rules");
    if (plans.size() % kPlanFields || rules.size() % kRuleFields) Bad(env, "plans/rules length");
    plans_.resize(plans.size() / kPlanFields);
    for (size_t i = 0; i < plans_.size(); i++) {
      const uint32_t *f = &plans[i * kPlanFields];
      compat029_plan &p = plans_[i];
      p.present = (f[0] & kPlanPresent) != 0;
      p.has_enter = (f[0] & kPlanHasEnter) != 0;
      p.child_without_enter = (f[0] & kPlanChildWithoutEnter) != 0;
      p.enter = Record(f[1], f[2], f[3]);
      p.out = Record(f[4], f[5], f[6]);
    }
    rules_.resize(rules.size() / kRuleFields);
    for (size_t i = 0; i < rules_.size(); i++) {
      const uint32_t *f = &rules[i * kRuleFields];
      if (f[1] > 0xffff || f[2] > 0xffff || f[5] > 0xffff) Bad(env, "rule field");
      rules_[i] = {static_cast<uint8_t>(f[0]), static_cast<uint8_t>(f[3] != 0), static_cast<uint16_t>(f[1]),
                   static_cast<uint16_t>(f[2]), static_cast<uint16_t>(f[5]), f[4]};
    }
    Napi::Value b = o.Get("bytes");
    if (!b.IsTypedArray()) Bad(env, "bytes");
    Napi::Uint8Array bytes = b.As<Napi::Uint8Array>();
    bytes_.assign(bytes.Data(), bytes.Data() + bytes.ByteLength());
    sc_by_nr_ = I32s(o, "scByNr");
    sc_by_code_ = I32s(o, "scByCode");
    std::memset(&t_, 0, sizeof(t_));
    t_.nplans = static_cast<uint32_t>(plans_.size());
    t_.plans = plans_.data();
    t_.nrules = static_cast<uint32_t>(rules_.size());
    t_.rules = rules_.data();
    t_.nbytes = static_cast<uint32_t>(bytes_.size());
    t_.bytes = bytes_.data();
    t_.nsc_by_nr = static_cast<uint32_t>(sc_by_nr_.size());
    t_.sc_by_nr = sc_by_nr_.data();
    t_.nsc_by_code = static_cast<uint32_t>(sc_by_code_.size());
    t_.sc_by_code = sc_by_code_.data();
    t_.ncode_names = o.Get("codeNames").ToNumber().Uint32Value();
    t_.bpf_fd_index = static_cast<uint8_t>(o.Get("bpfFd").ToNumber().Uint32Value());
    t_.bpf_res_index = static_cast<uint8_t>(o.Get("bpfRes").ToNumber().Uint32Value());
    char err[256] = "";
    if (compat029_table_prepare(&t_, err, sizeof(err)) != 0) throw Napi::TypeError::New(env, err);
  }

  const compat029_table *table() const { return &t_; }

 private:
  // a record's plan; compat029_table_prepare fills in what follows from it
  static compat029_record Record(uint32_t type, uint32_t nrules, uint32_t first_rule) {
    compat029_record r;
    std::memset(&r, 0, sizeof(r));
    r.type = static_cast<uint16_t>(type);
    r.nrules = static_cast<uint16_t>(nrules);
    r.first_rule = first_rule;
    r.fixed_data = -1;
    return r;
  }

  [[noreturn]] static void Bad(Napi::Env env, const char *what) {
    throw Napi::TypeError::New(env, std::string("compat029 table: bad ") + what);
  }

  static std::vector<uint32_t> U32s(const Napi::Object &o, const char *key) {
    Napi::Value v = o.Get(key);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) Bad(o.Env(), key);
    Napi::Uint32Array a = v.As<Napi::Uint32Array>();
    return std::vector<uint32_t>(a.Data(), a.Data() + a.ElementLength());
  }

  static std::vector<int32_t> I32s(const Napi::Object &o, const char *key) {
    Napi::Value v = o.Get(key);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) Bad(o.Env(), key);
    Napi::Int32Array a = v.As<Napi::Int32Array>();
    return std::vector<int32_t>(a.Data(), a.Data() + a.ElementLength());
  }

  std::vector<compat029_plan> plans_;
  std::vector<compat029_rule> rules_;
  std::vector<uint8_t> bytes_;
  std::vector<int32_t> sc_by_nr_, sc_by_code_;
  compat029_table t_;
};

}  // namespace sinspect

#endif
