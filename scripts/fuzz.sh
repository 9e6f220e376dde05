#!/usr/bin/env bash
# Runs every importer's cargo-fuzz target for a short while (FUZZ_SECONDS each, default 20),
# starting from the seed files in fuzz/seeds/. A crash fails the run and leaves the input in
# fuzz/artifacts/<target>/. Installs cargo-fuzz if missing. libFuzzer needs a nightly compiler:
# the nightly toolchain when rustup has one, else the installed one with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"
seconds="${FUZZ_SECONDS:-20}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> Installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

for target in $(cargo "${toolchain[@]}" fuzz list); do
  corpus="corpus/$target"
  mkdir -p "$corpus"
  echo "==> fuzz $target (${seconds}s)"
  log="$(mktemp)"
  if ! cargo "${toolchain[@]}" fuzz run "$target" "$corpus" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "error: fuzz target $target failed (a crash leaves its input in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^Done [0-9]+ runs' "$log" || tail -n 3 "$log"
  rm -f "$log"
done
