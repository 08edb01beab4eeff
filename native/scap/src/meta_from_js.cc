// Plain JS CaptureMetadata objects -> the C capture metadata model (for the writer).
#include <cstring>
#include <string>

#include "bindings.h"
#include "le_cursor.h"
#include "savefile_writer.h"

namespace sinspect {
namespace {

// Reads fields of one JS object, with a path for error messages ("threads[3].fds[0]").
class Fields {
 public:
  Fields(Napi::Object obj, std::string where) : obj_(obj), where_(std::move(where)) {}

  bool Has(const char *key) const {
    Napi::Value v = obj_.Get(key);
    return !v.IsUndefined() && !v.IsNull();
  }

  double Number(const char *key, double def) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsUndefined() || v.IsNull()) return def;
    if (v.IsNumber()) return v.As<Napi::Number>().DoubleValue();
    if (v.IsBigInt()) {
      bool lossless;
      return static_cast<double>(v.As<Napi::BigInt>().Int64Value(&lossless));
    }
    if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? 1 : 0;
    Throw(key, "a number");
  }

  int64_t I64(const char *key, int64_t def) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsBigInt()) {
      bool lossless;
      return v.As<Napi::BigInt>().Int64Value(&lossless);
    }
    return static_cast<int64_t>(Number(key, static_cast<double>(def)));
  }

  // Unsigned 32-bit fields; negative numbers wrap (loginuid -1 -> 0xffffffff).
  uint32_t U32(const char *key, uint32_t def) const {
    return static_cast<uint32_t>(static_cast<int64_t>(Number(key, def)));
  }

  uint64_t U64(const char *key, uint64_t def) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsBigInt()) {
      bool lossless;
      return v.As<Napi::BigInt>().Uint64Value(&lossless);
    }
    if (v.IsUndefined() || v.IsNull()) return def;
    double d = Number(key, 0);
    return d < 0 ? static_cast<uint64_t>(static_cast<int64_t>(d)) : static_cast<uint64_t>(d);
  }

  bool Bool(const char *key) const { return Number(key, 0) != 0; }

  void Str(const char *key, capture_meta &m, meta_bytes &dst) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsUndefined() || v.IsNull()) return;
    if (!v.IsString()) Throw(key, "a string");
    Copy(m, dst, v.As<Napi::String>().Utf8Value());
  }

  // string[] -> NUL-terminated entries back to back (libscap's args/env/cgroups).
  void Entries(const char *key, capture_meta &m, meta_bytes &dst) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsUndefined() || v.IsNull()) return;
    if (!v.IsArray()) Throw(key, "an array of strings");
    Napi::Array arr = v.As<Napi::Array>();
    std::string joined;
    for (uint32_t i = 0; i < arr.Length(); i++) {
      Napi::Value e = arr.Get(i);
      if (!e.IsString()) Throw(key, "an array of strings");
      joined += e.As<Napi::String>().Utf8Value();
      joined.push_back('\0');
    }
    Copy(m, dst, joined);
  }

  // IPv4 as a number (network-order bytes read little-endian), IPv6 as 16 bytes.
  void Ipv4(const char *key, uint8_t *dst) const { le32_put(dst, U32(key, 0)); }

  void Ipv6(const char *key, uint8_t *dst) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsUndefined() || v.IsNull()) return;
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array ||
        v.As<Napi::Uint8Array>().ElementLength() != 16) {
      Throw(key, "a Uint8Array of 16 bytes");
    }
    std::memcpy(dst, v.As<Napi::Uint8Array>().Data(), 16);
  }

  Napi::Array Array(const char *key) const {
    Napi::Value v = obj_.Get(key);
    if (v.IsUndefined() || v.IsNull()) return Napi::Array::New(obj_.Env());
    if (!v.IsArray()) Throw(key, "an array");
    return v.As<Napi::Array>();
  }

  Fields Child(const char *key) const {
    Napi::Value v = obj_.Get(key);
    if (!v.IsObject()) Throw(key, "an object");
    return Fields(v.As<Napi::Object>(), where_ + "." + key);
  }

  Fields Element(Napi::Array arr, const char *key, uint32_t i) const {
    Napi::Value v = arr.Get(i);
    std::string at = where_ + "." + key + "[" + std::to_string(i) + "]";
    if (!v.IsObject()) throw Napi::TypeError::New(obj_.Env(), "metadata: " + at + " must be an object");
    return Fields(v.As<Napi::Object>(), at);
  }

  [[noreturn]] void Throw(const char *key, const char *what) const {
    throw Napi::TypeError::New(obj_.Env(), "metadata: " + where_ + "." + key + " must be " + what);
  }

 private:
  void Copy(capture_meta &m, meta_bytes &dst, const std::string &s) const {
    if (meta_dup(&m, &dst, s.data(), s.size())) throw Napi::Error::New(obj_.Env(), "metadata: out of memory");
  }

  Napi::Object obj_;
  std::string where_;
};

void OutOfMemory(Napi::Env env) { throw Napi::Error::New(env, "metadata: out of memory"); }

void FdFromJs(const Fields &f, capture_meta &m, meta_fd &fd) {
  fd.fd = f.I64("fd", -1);
  fd.ino = f.U64("ino", 0);
  fd.type = static_cast<uint8_t>(f.U32("type", 0));
  f.Str("name", m, fd.name);
  fd.open_flags = f.U32("openFlags", 0);
  fd.dev = f.U32("dev", 0);
  fd.l4proto = static_cast<uint8_t>(f.U32("l4proto", 0));
  if (fd.type == 4 /* IPV6_SOCK */ || fd.type == 6 /* IPV6_SERVSOCK */) {
    f.Ipv6("sip6", fd.sip);
    f.Ipv6("dip6", fd.dip);
  } else {
    f.Ipv4("sip", fd.sip);
    f.Ipv4("dip", fd.dip);
  }
  fd.sport = static_cast<uint16_t>(f.U32("sport", 0));
  fd.dport = static_cast<uint16_t>(f.U32("dport", 0));
  fd.unix_source = f.U64("unixSource", 0);
  fd.unix_dest = f.U64("unixDest", 0);
}

void ThreadFromJs(const Fields &f, capture_meta &m, meta_thread &t) {
  t.tid = f.I64("tid", -1);
  t.pid = f.I64("pid", -1);
  t.ptid = f.I64("ptid", -1);
  t.sid = f.I64("sid", -1);
  t.vpgid = f.I64("vpgid", -1);
  t.pgid = f.I64("pgid", -1);
  f.Str("comm", m, t.comm);
  f.Str("exe", m, t.exe);
  f.Str("exepath", m, t.exepath);
  f.Entries("args", m, t.args);
  f.Entries("env", m, t.env);
  f.Str("cwd", m, t.cwd);
  t.fdlimit = f.I64("fdlimit", -1);
  t.flags = f.U32("flags", 0);
  t.uid = f.U32("uid", 0);
  t.gid = f.U32("gid", 0);
  t.loginuid = f.U32("loginuid", UINT32_MAX);
  t.vmsize_kb = f.U32("vmsize", 0);
  t.vmrss_kb = f.U32("vmrss", 0);
  t.vmswap_kb = f.U32("vmswap", 0);
  t.pfmajor = f.U64("pfmajor", 0);
  t.pfminor = f.U64("pfminor", 0);
  t.vtid = f.I64("vtid", -1);
  t.vpid = f.I64("vpid", -1);
  f.Entries("cgroups", m, t.cgroups);
  f.Str("root", m, t.root);
  t.tty = f.U32("tty", 0);
  t.clone_ts = f.U64("cloneTs", 0);
  t.pidns_init_start_ts = f.U64("pidnsInitStartTs", 0);
  t.exe_writable = f.Bool("exeWritable");
  t.exe_upper_layer = f.Bool("exeUpperLayer");
  t.exe_lower_layer = f.Bool("exeLowerLayer");
  t.exe_from_memfd = f.Bool("exeFromMemfd");
  t.cap_inheritable = f.U64("capInheritable", 0);
  t.cap_permitted = f.U64("capPermitted", 0);
  t.cap_effective = f.U64("capEffective", 0);
  t.exe_ino = f.U64("exeIno", 0);
  t.exe_ino_ctime = f.U64("exeInoCtime", 0);
  t.exe_ino_mtime = f.U64("exeInoMtime", 0);
}

void IfacesFromJs(const Fields &list, const char *key, capture_meta &m, bool v6) {
  Napi::Array arr = list.Array(key);
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Fields f = list.Element(arr, key, i);
    meta_iface *ifc = meta_add_iface(&m, v6 ? 1 : 0);
    if (!ifc) OutOfMemory(arr.Env());
    f.Str("name", m, ifc->name);
    if (v6) {
      f.Ipv6("addr", ifc->addr);
      f.Ipv6("netmask", ifc->netmask);
      f.Ipv6("bcast", ifc->bcast);
    } else {
      f.Ipv4("addr", ifc->addr);
      f.Ipv4("netmask", ifc->netmask);
      f.Ipv4("bcast", ifc->bcast);
    }
    ifc->linkspeed = f.U64("linkspeed", 0);
  }
}

}  // namespace

void MetaFromJs(Napi::Object obj, capture_meta &m) {
  Napi::Env env = obj.Env();
  Fields root(obj, "meta");
  m.major_version = 1;
  m.minor_version = 2;

  if (root.Has("machine")) {
    Fields f = root.Child("machine");
    m.has_machine = 1;
    meta_machine &mi = m.machine;
    mi.num_cpus = f.U32("numCpus", 0);
    mi.memory_size_bytes = f.U64("memorySizeBytes", 0);
    mi.max_pid = f.U64("maxPid", 0);
    meta_bytes host{};
    f.Str("hostname", m, host);
    size_t n = host.len < sizeof(mi.hostname) - 1 ? host.len : sizeof(mi.hostname) - 1;
    std::memcpy(mi.hostname, host.ptr, n);
    mi.hostname[n] = 0;
    mi.boot_ts_epoch = f.U64("bootTsEpoch", 0);
    mi.flags = f.U64("flags", 0);
    mi.reserved3 = f.U64("reserved3", 0);
    mi.reserved4 = f.U64("reserved4", 0);
  }

  Napi::Array threads = root.Array("threads");
  m.has_proclist = root.Has("hasProcessList") ? root.Bool("hasProcessList") : threads.Length() > 0;
  for (uint32_t i = 0; i < threads.Length(); i++) {
    Fields f = root.Element(threads, "threads", i);
    if (!meta_add_thread(&m)) OutOfMemory(env);
    // Index, not pointer: adding threads may move the array.
    uint32_t index = m.nthreads - 1;
    ThreadFromJs(f, m, m.threads[index]);
    Napi::Array fds = f.Array("fds");
    for (uint32_t j = 0; j < fds.Length(); j++) {
      Fields ff = f.Element(fds, "fds", j);
      meta_fd *fd = meta_add_fd(&m.threads[index]);
      if (!fd) OutOfMemory(env);
      FdFromJs(ff, m, *fd);
    }
  }

  if (root.Has("interfaces")) {
    Fields f = root.Child("interfaces");
    m.has_iflist = 1;
    IfacesFromJs(f, "ipv4", m, false);
    IfacesFromJs(f, "ipv6", m, true);
  }

  Napi::Array users = root.Array("users");
  Napi::Array groups = root.Array("groups");
  m.has_userlist = root.Has("hasUserList") ? root.Bool("hasUserList") : users.Length() + groups.Length() > 0;
  for (uint32_t i = 0; i < users.Length(); i++) {
    Fields uf = root.Element(users, "users", i);
    meta_user *u = meta_add_user(&m);
    if (!u) OutOfMemory(env);
    u->uid = uf.U32("uid", 0);
    u->gid = uf.U32("gid", 0);
    uf.Str("name", m, u->name);
    uf.Str("homedir", m, u->homedir);
    uf.Str("shell", m, u->shell);
  }
  for (uint32_t i = 0; i < groups.Length(); i++) {
    Fields gf = root.Element(groups, "groups", i);
    meta_group *g = meta_add_group(&m);
    if (!g) OutOfMemory(env);
    g->gid = gf.U32("gid", 0);
    gf.Str("name", m, g->name);
  }
}

int WriteMetaFromJs(::savefile_writer *w, Napi::Object obj) {
  capture_meta m;
  meta_init(&m);
  try {
    MetaFromJs(obj, m);
  } catch (...) {
    meta_free(&m);
    throw;
  }
  int rc = savefile_writer_write_meta(w, &m);
  meta_free(&m);
  return rc;
}

}  // namespace sinspect
