// C capture metadata -> plain JS objects with camelCase names.
#include <cstring>
#include <string>

#include "bindings.h"
#include "le_cursor.h"

namespace sinspect {
namespace {

Napi::String Str(Napi::Env env, const meta_bytes &b) {
  return Napi::String::New(env, b.ptr, b.len);
}

// NUL-separated entries (libscap's args/env/cgroups) -> string[]; the final
// terminator does not start an extra empty entry.
Napi::Array SplitNul(Napi::Env env, const meta_bytes &b) {
  Napi::Array arr = Napi::Array::New(env);
  uint32_t n = 0;
  size_t start = 0;
  for (size_t i = 0; i < b.len; i++) {
    if (b.ptr[i] == '\0') {
      arr.Set(n++, Napi::String::New(env, b.ptr + start, i - start));
      start = i + 1;
    }
  }
  if (start < b.len) {
    arr.Set(n++, Napi::String::New(env, b.ptr + start, b.len - start));
  }
  return arr;
}

Napi::Value Big(Napi::Env env, uint64_t v) { return Napi::BigInt::New(env, v); }

Napi::Value Num(Napi::Env env, double v) { return Napi::Number::New(env, v); }

// IPv4 addresses as scap keeps them: the 4 network-order bytes read as a little-endian u32.
Napi::Value Ipv4(Napi::Env env, const uint8_t *a) { return Num(env, le32_at(a)); }

Napi::Value Ipv6(Napi::Env env, const uint8_t *a) {
  Napi::Uint8Array arr = Napi::Uint8Array::New(env, 16);
  std::memcpy(arr.Data(), a, 16);
  return arr;
}

bool IsIpv6(uint8_t type) { return type == 4 /* IPV6_SOCK */ || type == 6 /* IPV6_SERVSOCK */; }
bool IsIpv4(uint8_t type) { return type == 3 /* IPV4_SOCK */ || type == 5 /* IPV4_SERVSOCK */; }

Napi::Object FdToJs(Napi::Env env, const meta_fd &f) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("fd", Num(env, static_cast<double>(f.fd)));
  o.Set("ino", Big(env, f.ino));
  o.Set("type", Num(env, f.type));
  o.Set("name", Str(env, f.name));
  o.Set("openFlags", Num(env, f.open_flags));
  o.Set("dev", Num(env, f.dev));
  o.Set("l4proto", Num(env, f.l4proto));
  bool v4 = IsIpv4(f.type), v6 = IsIpv6(f.type);
  o.Set("sip", v4 ? Ipv4(env, f.sip) : Num(env, 0));
  o.Set("dip", v4 ? Ipv4(env, f.dip) : Num(env, 0));
  o.Set("sip6", v6 ? Ipv6(env, f.sip) : env.Null());
  o.Set("dip6", v6 ? Ipv6(env, f.dip) : env.Null());
  o.Set("sport", Num(env, f.sport));
  o.Set("dport", Num(env, f.dport));
  o.Set("unixSource", Big(env, f.unix_source));
  o.Set("unixDest", Big(env, f.unix_dest));
  return o;
}

Napi::Object ThreadToJs(Napi::Env env, const meta_thread &t) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("tid", Num(env, static_cast<double>(t.tid)));
  o.Set("pid", Num(env, static_cast<double>(t.pid)));
  o.Set("ptid", Num(env, static_cast<double>(t.ptid)));
  o.Set("sid", Num(env, static_cast<double>(t.sid)));
  o.Set("vpgid", Num(env, static_cast<double>(t.vpgid)));
  o.Set("pgid", Num(env, static_cast<double>(t.pgid)));
  o.Set("comm", Str(env, t.comm));
  o.Set("exe", Str(env, t.exe));
  o.Set("exepath", Str(env, t.exepath));
  o.Set("args", SplitNul(env, t.args));
  o.Set("env", SplitNul(env, t.env));
  o.Set("cwd", Str(env, t.cwd));
  o.Set("fdlimit", Num(env, static_cast<double>(t.fdlimit)));
  o.Set("flags", Num(env, t.flags));
  o.Set("uid", Num(env, t.uid));
  o.Set("gid", Num(env, t.gid));
  o.Set("loginuid", Num(env, static_cast<int32_t>(t.loginuid)));
  o.Set("vmsize", Num(env, t.vmsize_kb));
  o.Set("vmrss", Num(env, t.vmrss_kb));
  o.Set("vmswap", Num(env, t.vmswap_kb));
  o.Set("pfmajor", Num(env, static_cast<double>(t.pfmajor)));
  o.Set("pfminor", Num(env, static_cast<double>(t.pfminor)));
  o.Set("vtid", Num(env, static_cast<double>(t.vtid)));
  o.Set("vpid", Num(env, static_cast<double>(t.vpid)));
  o.Set("cgroups", SplitNul(env, t.cgroups));
  o.Set("root", Str(env, t.root));
  o.Set("tty", Num(env, t.tty));
  o.Set("cloneTs", Big(env, t.clone_ts));
  o.Set("pidnsInitStartTs", Big(env, t.pidns_init_start_ts));
  o.Set("exeWritable", Napi::Boolean::New(env, t.exe_writable != 0));
  o.Set("exeUpperLayer", Napi::Boolean::New(env, t.exe_upper_layer != 0));
  o.Set("exeLowerLayer", Napi::Boolean::New(env, t.exe_lower_layer != 0));
  o.Set("exeFromMemfd", Napi::Boolean::New(env, t.exe_from_memfd != 0));
  o.Set("capInheritable", Big(env, t.cap_inheritable));
  o.Set("capPermitted", Big(env, t.cap_permitted));
  o.Set("capEffective", Big(env, t.cap_effective));
  o.Set("exeIno", Big(env, t.exe_ino));
  o.Set("exeInoCtime", Big(env, t.exe_ino_ctime));
  o.Set("exeInoMtime", Big(env, t.exe_ino_mtime));
  Napi::Array fds = Napi::Array::New(env, t.nfds);
  for (uint32_t i = 0; i < t.nfds; i++) fds.Set(i, FdToJs(env, t.fds[i]));
  o.Set("fds", fds);
  return o;
}

Napi::Object IfaceToJs(Napi::Env env, const meta_iface &i, bool v6) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", Str(env, i.name));
  o.Set("addr", v6 ? Ipv6(env, i.addr) : Ipv4(env, i.addr));
  o.Set("netmask", v6 ? Ipv6(env, i.netmask) : Ipv4(env, i.netmask));
  o.Set("bcast", v6 ? Ipv6(env, i.bcast) : Ipv4(env, i.bcast));
  o.Set("linkspeed", Num(env, static_cast<double>(i.linkspeed)));
  return o;
}

Napi::Value MachineToJs(Napi::Env env, const capture_meta &m) {
  if (!m.has_machine) return env.Null();
  const meta_machine &mi = m.machine;
  Napi::Object o = Napi::Object::New(env);
  o.Set("numCpus", Num(env, mi.num_cpus));
  o.Set("memorySizeBytes", Num(env, static_cast<double>(mi.memory_size_bytes)));
  o.Set("maxPid", Num(env, static_cast<double>(mi.max_pid)));
  o.Set("hostname", Napi::String::New(env, mi.hostname, strnlen(mi.hostname, sizeof(mi.hostname))));
  o.Set("bootTsEpoch", Big(env, mi.boot_ts_epoch));
  o.Set("flags", Big(env, mi.flags));
  o.Set("reserved3", Big(env, mi.reserved3));
  o.Set("reserved4", Big(env, mi.reserved4));
  return o;
}

Napi::Value InterfacesToJs(Napi::Env env, const capture_meta &m) {
  if (!m.has_iflist) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  Napi::Array v4 = Napi::Array::New(env, m.nifaces4);
  for (uint32_t i = 0; i < m.nifaces4; i++) v4.Set(i, IfaceToJs(env, m.ifaces4[i], false));
  Napi::Array v6 = Napi::Array::New(env, m.nifaces6);
  for (uint32_t i = 0; i < m.nifaces6; i++) v6.Set(i, IfaceToJs(env, m.ifaces6[i], true));
  o.Set("ipv4", v4);
  o.Set("ipv6", v6);
  return o;
}

Napi::Array UsersToJs(Napi::Env env, const capture_meta &m) {
  Napi::Array users = Napi::Array::New(env, m.nusers);
  for (uint32_t i = 0; i < m.nusers; i++) {
    const meta_user &u = m.users[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("uid", Num(env, u.uid));
    o.Set("gid", Num(env, u.gid));
    o.Set("name", Str(env, u.name));
    o.Set("homedir", Str(env, u.homedir));
    o.Set("shell", Str(env, u.shell));
    users.Set(i, o);
  }
  return users;
}

Napi::Array GroupsToJs(Napi::Env env, const capture_meta &m) {
  Napi::Array groups = Napi::Array::New(env, m.ngroups);
  for (uint32_t i = 0; i < m.ngroups; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("gid", Num(env, m.groups[i].gid));
    o.Set("name", Str(env, m.groups[i].name));
    groups.Set(i, o);
  }
  return groups;
}

}  // namespace

Napi::Object MetaToJs(Napi::Env env, const capture_meta &m) {
  Napi::Object o = Napi::Object::New(env);
  Napi::Object version = Napi::Object::New(env);
  version.Set("major", Num(env, m.major_version));
  version.Set("minor", Num(env, m.minor_version));
  o.Set("formatVersion", version);
  o.Set("machine", MachineToJs(env, m));
  o.Set("hasProcessList", Napi::Boolean::New(env, m.has_proclist != 0));
  Napi::Array threads = Napi::Array::New(env, m.nthreads);
  for (uint32_t i = 0; i < m.nthreads; i++) threads.Set(i, ThreadToJs(env, m.threads[i]));
  o.Set("threads", threads);
  o.Set("interfaces", InterfacesToJs(env, m));
  o.Set("hasUserList", Napi::Boolean::New(env, m.has_userlist != 0));
  o.Set("users", UsersToJs(env, m));
  o.Set("groups", GroupsToJs(env, m));
  return o;
}

}  // namespace sinspect
