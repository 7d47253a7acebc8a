#!/bin/sh
# tools/setup.sh: the project's two set-up commands (README.md).
#   sh tools/setup.sh example   install what is missing, build, run vtasklint on the example project
#   sh tools/setup.sh test      install what is missing, build, run every test
#   sh tools/setup.sh sanitize  the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
# Works on a fresh Debian 12 as root (or with sudo). Build directories: build/, build-asan/.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-test}
JOBS=$(nproc 2>/dev/null || echo 2)

PACKAGES="cmake make gcc g++ pkg-config libclang-19-dev libcmocka-dev libyaml-dev libjansson-dev libxxhash-dev"

install_missing() {
  missing=""
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
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$ROOT/tools/lsan.supp" \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$JOBS")
  ;;
*)
  echo "usage: sh tools/setup.sh example|test|sanitize" >&2
  exit 2
  ;;
esac
