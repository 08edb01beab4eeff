#!/usr/bin/env bash
# Regenerates examples/sinspect-demo.scap: sinspect capturing itself, live through its
# eBPF probe, while a small workload runs (files, a pipe, a TCP exchange on loopback,
# a failed open, child processes). Needs root (or CAP_BPF+CAP_PERFMON) and a BTF kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
out=examples/sinspect-demo.scap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The workload runs as a script named sinspect-demo, so the capture filter can keep
# just it and its children.
cat > "$work/sinspect-demo" <<'SH'
#!/bin/bash
cd "$(dirname "$0")"
echo "hello from sinspect" > note.txt
cat note.txt > /dev/null
ls /etc > listing.txt
wc -l < listing.txt | cat > /dev/null
cat /no/such/file 2> /dev/null || true
python3 - <<'PY'
import socket, threading
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept(); c.sendall(c.recv(64).upper()); c.close()
t = threading.Thread(target=serve); t.start()
cli = socket.create_connection(("127.0.0.1", port)); cli.sendall(b"ping"); cli.recv(64); cli.close()
t.join()
PY
SH
chmod +x "$work/sinspect-demo"

rm -f "$out"
./bin/run.js --bpf -z -w "$out" "proc.name=sinspect-demo or proc.aname=sinspect-demo" &
capture=$!
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.2; done
sleep 1
"$work/sinspect-demo"
sleep 1
kill -INT "$capture"
wait "$capture"
ls -l "$out"
