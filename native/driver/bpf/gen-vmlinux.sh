#!/bin/sh
# Writes vmlinux.h (the running kernel's types, for CO-RE) from its BTF.
# Usage: gen-vmlinux.sh OUT_FILE
set -e
out="$1"
btf=/sys/kernel/btf/vmlinux
if [ ! -r "$btf" ]; then
	echo "sinspect probe: $btf is missing: this kernel has no BTF (CONFIG_DEBUG_INFO_BTF=y is required to build the eBPF probe)" >&2
	exit 1
fi
if ! command -v bpftool >/dev/null 2>&1; then
	echo "sinspect probe: bpftool not found (install bpftool to build the eBPF probe)" >&2
	exit 1
fi
bpftool btf dump file "$btf" format c > "$out.tmp"
mv "$out.tmp" "$out"
