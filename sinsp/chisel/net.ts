// Address text as sysdig's chisel API hands it to Lua (inet_ntop's output).
import { ipv4U32Text, ipv6Text } from '../render/inet.js';

export const ipv4ToString = ipv4U32Text;

export function ipv6ToString(b: Uint8Array): string {
  return ipv6Text(b, 0);
}

/** An address of either family (4 or 16 bytes), or a u32 IPv4. */
export function ipToString(v: number | Uint8Array): string {
  if (typeof v === 'number') return ipv4ToString(v);
  if (v.length === 4) return `${v[0]}.${v[1]}.${v[2]}.${v[3]}`;
  if (v.length === 16) return ipv6ToString(v);
  return '<NA>';
}
