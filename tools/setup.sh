#!/bin/sh
# tools/setup.sh: the project's two set-up commands (README.md).
#   sh tools/setup.sh example   install what is missing, build, run vtasklint on the example project
#   sh tools/setup.sh test      install what is missing, build, run every test
#   sh tools/setup.sh sanitize  the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#   sh tools/setup.sh fuzz [SECONDS]  the libFuzzer targets (fuzz/), each run SECONDS (default 25)
#                               from its seed corpus; fails on any crash, leak or timeout
# Works on a fresh Debian 12 as root (or with sudo). Build directories: build/, build-asan/,
# build-fuzz/ (clang-19).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-test}
JOBS=$(nproc 2>/dev/null || echo 2)

PACKAGES="cmake make gcc g++ pkg-config libclang-19-dev libcmocka-dev libyaml-dev libjansson-dev libxxhash-dev"
# The integration tests run the real tools: pre-commit (tests/e2e/precommit.sh, with git), and
# cpack -G DEB with dpkg-shlibdeps, which needs dpkg-dev and file (tests/e2e/packaging.sh).
PACKAGES="$PACKAGES git pre-commit python3-yaml dpkg-dev file"
# ... and Debian's Bazel (tests/e2e/bazel.sh, the aspect in bazel/), offline.
PACKAGES="$PACKAGES bazel-bootstrap"
# The SARIF output is validated against the OASIS schema (tests/e2e/sarif.sh).
PACKAGES="$PACKAGES python3-jsonschema"
# --format=concise is read back with Neovim's default errorformat (tests/e2e/formats.sh).
PACKAGES="$PACKAGES neovim"
# ... and drives the language server from it (tests/lsp/neovim.sh); the server's protocol
# tests speak raw bytes from python3 (tests/lsp/protocol.py).
PACKAGES="$PACKAGES python3"

install_missing() {
  missing=""
  [ "${MODE}" = fuzz ] && PACKAGES="$PACKAGES clang-19 libclang-rt-19-dev"
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "setup: installing:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

build() { # build DIR [cmake args...]
  dir=$1
  shift
  cmake -S "$ROOT" -B "$dir" -DVTL_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

case "$MODE" in
example)
  install_missing
  build build
  cmake -S testdata/example-project -B build/example-project >/dev/null
  echo "setup: vtasklint -p build/example-project (the example project has five deliberate mistakes)"
  status=0
  ./build/vtasklint -p build/example-project || status=$?
  # 1 means findings, which the example is meant to have.
  [ "$status" -eq 1 ] && exit 0
  exit "$status"
  ;;
test)
  install_missing
  build build
  (cd build && ctest --output-on-failure -j "$JOBS")
  ;;
sanitize)
  install_missing
  build build-asan -DVTL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  # use_sigaltstack=0: on Linux 6.18 GCC 12's ASan cannot unmap a thread's alternate signal
  # stack when the thread ends ("failed to deallocate ... unable to unmap", in every test that
  # starts a thread); the stack only serves ASan's report of a stack overflow.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:use_sigaltstack=0 LSAN_OPTIONS="suppressions=$ROOT/tools/lsan.supp" \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$JOBS")
  ;;
fuzz)
  # A longer run: sh tools/setup.sh fuzz 3600 (per target). Findings are left as
  # build-fuzz/findings/<target>/crash-* (reproduce: build-fuzz/fuzz/fuzz_<target> FILE).
  install_missing
  SECONDS_EACH=${2:-25}
  CC=clang-19 CXX=clang++-19 cmake -S "$ROOT" -B build-fuzz -DVTL_FUZZ=ON -DVTL_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
  if ! grep -q '^VTL_HAVE_LIBFUZZER:INTERNAL=1' build-fuzz/CMakeCache.txt; then
    echo "setup: clang-19 has no libFuzzer here (libclang-rt-19-dev); skipping the fuzz targets"
    exit 0
  fi
  cmake --build build-fuzz -j "$JOBS" --target fuzz_config fuzz_compdb fuzz_cache fuzz_source
  status=0
  for t in config compdb cache source; do
    corpus=build-fuzz/corpus/$t
    mkdir -p "$corpus" "build-fuzz/findings/$t"
    cp fuzz/corpus/$t/* "$corpus/" 2>/dev/null || true
    # Seeds from the test data: configuration files, rule fixtures.
    case $t in
    config) find testdata -name '*.yaml' -exec cp {} "$corpus/" \; ;;
    source) find testdata/rules testdata/example-project -name '*.c' -o -name '*.cpp' | head -60 |
              while read -r f; do cp "$f" "$corpus/"; done ;;
    esac
    # A unit that includes the C++ standard headers takes seconds to parse (more when
    # instrumented): a hang is a unit slower than 60 s; the readers' inputs get 10 s.
    limit=10
    [ "$t" = source ] && limit=60
    # A fixed seed (VTL_FUZZ_SEED, default 1; 0 picks a random one) makes a CI run repeatable:
    # what it finds, the next run finds again, and a passing run does not turn red by chance.
    echo "setup: fuzz_$t for $SECONDS_EACH s (seed ${VTL_FUZZ_SEED:-1})"
    if ! ASAN_OPTIONS=detect_leaks=1:use_sigaltstack=0 LSAN_OPTIONS="suppressions=$ROOT/tools/lsan.supp" \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "build-fuzz/fuzz/fuzz_$t" "$corpus" -dict="fuzz/dict/$t.dict" -max_total_time="$SECONDS_EACH" \
        -timeout="$limit" -rss_limit_mb=2560 -max_len=65536 -artifact_prefix="build-fuzz/findings/$t/" \
        -seed="${VTL_FUZZ_SEED:-1}" \
        -print_final_stats=1 >"build-fuzz/fuzz_$t.log" 2>&1; then
      echo "setup: fuzz_$t FOUND A PROBLEM (build-fuzz/fuzz_$t.log, build-fuzz/findings/$t/):" >&2
      grep -a -E "ERROR|SUMMARY|Test unit written" "build-fuzz/fuzz_$t.log" | head -5 >&2
      status=1
    else
      grep -a -E "^Done|stat::number_of_executed_units" "build-fuzz/fuzz_$t.log" | head -2
    fi
  done
  exit "$status"
  ;;
*)
  echo "usage: sh tools/setup.sh example|test|sanitize|fuzz [SECONDS]" >&2
  exit 2
  ;;
esac
