#!/bin/sh
# packaging.sh: the install and the Debian package (issue 14, item 12). A build of this source
# with its tests off (as a packager builds it), then:
#   cmake --install into a prefix: the files, no RUNPATH and no build-time directory in the
#     binary (neither libclang's nor this tree's); the prefix moved elsewhere still finds the
#     example project's five findings, and clang's resource directory is found at run time
#     beside the libclang that runs, following it when libclang is loaded from elsewhere;
#     --resource-dir still overrides;
#   cpack -G DEB: the package's files and its dependencies on Debian's libclang (computed by
#     dpkg-shlibdeps, and libclang-common for the builtin headers); `dpkg --root DIR -i` into a
#     clean directory whose package database holds only those dependencies, as installed here
#     (so dpkg really checks them, and refuses when one is missing); the installed binary, then
#     the whole tree moved, finds the five findings.
# Nothing is installed on the system itself. Missing tools are a failure, not a skip.
# Usage: sh packaging.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

for tool in cmake cpack dpkg dpkg-deb dpkg-shlibdeps dpkg-query file readelf ldd; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool is not installed (tools/setup.sh installs dpkg-dev and file)"
    exit 1
  fi
done

B="$T/build"
log="$T/build.log"
last="cmake -S $ROOT -B $B -DVTL_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release && cmake --build $B"
if ! { cmake -S "$ROOT" -B "$B" -DVTL_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release -DVTL_WERROR=ON &&
  cmake --build "$B" -j 2; } >"$log" 2>&1; then
  echo "FAIL: the packaging build"
  tail -20 "$log"
  exit 1
fi
MAJOR=$(sed -n 's/^LIBCLANG_VERSION_MAJOR:[A-Z]*=//p' "$B/CMakeCache.txt")
[ -n "$MAJOR" ] || MAJOR=$("$B/vtasklint" --version | sed -n 's/.*built with libclang \([0-9]*\).*/\1/p')

# The example project's compilation database (its paths are absolute, into this source tree).
cmake -S "$ROOT/testdata/example-project" -B "$T/example" >/dev/null 2>&1 || echo "FAIL: configure the example"
EX="$T/example"

# findings_of BIN ARGS...: BIN run on the example project; the five findings, nothing else.
findings_of() {
  bin=$1
  shift
  last="$bin -p $EX --no-cache $*"
  "$bin" -p "$EX" --no-cache "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
five_findings() {
  status_is 1 && out_count ': warning: ' 5 && out_count ': error: ' 0 &&
    out_has 'src/cache\.c:56:22: warning: .*\[vtask-blocking-unfinished\]$' &&
    out_has 'src/conn\.c:36:33: warning: .*\[vtask-double-await\]$' &&
    out_has 'src/conn\.c:67:5: warning: .*\[vtask-discarded\]$' &&
    out_has 'src/main\.c:29:7: warning: .*\[vtask-use-after-await\]$' &&
    out_has 'src/reply\.c:63:11: warning: .*\[vtask-stored-in-field\]$'
}
# version_of BIN: BIN --version into $T/out.
version_of() {
  last="$1 --version"
  "$1" --version >"$T/out" 2>"$T/err"
  rc=$?
}

# ---- cmake --install ----

last="cmake --install $B --prefix $T/inst"
cmake --install "$B" --prefix "$T/inst" >"$T/out" 2>"$T/err"
rc=$?
check "cmake --install succeeds" status_is 0
I="$T/inst"
check "the binary is installed" test -x "$I/bin/vtasklint"
check "the man page is installed" test -f "$I/share/man/man1/vtasklint.1"
check "the rule pages are installed" test -f "$I/share/doc/vtasklint/rules/vtask-double-await.md"
readelf -d "$I/bin/vtasklint" >"$T/out" 2>"$T/err"
last="readelf -d $I/bin/vtasklint"
check "no RUNPATH or RPATH in the installed binary" out_lacks '(RUNPATH|RPATH)'
check "it needs libclang by its soname" out_has "NEEDED.*\\[libclang-$MAJOR\\.so"
last="grep -a in $I/bin/vtasklint"
check "no libclang directory inside the binary" sh -c "! grep -a -q -E '/usr/lib/llvm-[0-9]' '$I/bin/vtasklint'"
check "no directory of this source tree inside the binary" sh -c "! grep -a -q -F '$ROOT' '$I/bin/vtasklint'"
check "no directory of the build inside the binary" sh -c "! grep -a -q -F '$B' '$I/bin/vtasklint'"

mv "$I" "$T/moved-inst"
I="$T/moved-inst"
findings_of "$I/bin/vtasklint"
check "the moved install finds the example's five findings" five_findings
version_of "$I/bin/vtasklint"
check "the resource directory is found beside libclang at run time" out_has "^resource directory: /.*/clang/$MAJOR \\(beside libclang, /.*libclang-$MAJOR\\.so"

# libclang loaded from another directory: the resource directory beside it is the one used.
mkdir -p "$T/llvm/lib/clang/$MAJOR"
lib=$(ldd "$I/bin/vtasklint" | sed -n "s/.*libclang-$MAJOR\\.so[^ ]* => \\([^ ]*\\) .*/\\1/p")
real_res=$(sed -n 's/^resource directory: \([^ ]*\) .*/\1/p' "$T/out")
ln -s "$lib" "$T/llvm/lib/$(basename "$lib")"
ln -s "$real_res/include" "$T/llvm/lib/clang/$MAJOR/include"
last="LD_LIBRARY_PATH=$T/llvm/lib $I/bin/vtasklint --version"
LD_LIBRARY_PATH="$T/llvm/lib" "$I/bin/vtasklint" --version >"$T/out" 2>"$T/err"
rc=$?
check "a libclang loaded from elsewhere: its own resource directory is used" out_has "^resource directory: $T/llvm/lib/clang/$MAJOR \\(beside libclang, $T/llvm/lib/"
LD_LIBRARY_PATH="$T/llvm/lib" findings_of "$I/bin/vtasklint"
check "a libclang loaded from elsewhere: the five findings" five_findings

# --resource-dir still overrides: a directory whose <stdbool.h> says where it is.
mkdir -p "$T/fake-res/include"
printf '#error "the stdbool.h of the fake resource directory"\n' >"$T/fake-res/include/stdbool.h"
findings_of "$I/bin/vtasklint" --resource-dir="$T/fake-res"
check "--resource-dir overrides the one found" out_has 'error: "the stdbool\.h of the fake resource directory"'
"$I/bin/vtasklint" --version --resource-dir="$T/fake-res" >"$T/out" 2>"$T/err"
check "--version names the override" out_has "^resource directory: $T/fake-res \\(--resource-dir\\)$"

# ---- the Debian package ----

last="cpack -G DEB (in $B)"
(cd "$B" && cpack -G DEB) >"$T/out" 2>"$T/err"
rc=$?
check "cpack -G DEB succeeds" status_is 0
DEB=$(ls "$B"/vtasklint_*.deb 2>/dev/null | head -1)
check "a .deb is made" test -f "$DEB"
last="dpkg-deb -f $DEB Depends"
dpkg-deb -f "$DEB" Depends >"$T/out" 2>"$T/err"
tr ',' '\n' <"$T/out" | sed 's/^ *//; s/ .*//' | grep . >"$T/deps"
check "depends on Debian's libclang runtime" out_has "(^|, )libclang1-$MAJOR( |,|$)"
check "depends on the builtin headers' package" out_has "(^|, )libclang-common-$MAJOR-dev( |,|$)"
check "depends on libyaml, jansson and xxhash" sh -c "grep -q -E '(^|, )libyaml-0-2' '$T/out' && grep -q -E '(^|, )libjansson4' '$T/out' && grep -q -E '(^|, )libxxhash0' '$T/out'"
last="dpkg-deb -c $DEB"
dpkg-deb -c "$DEB" >"$T/out" 2>"$T/err"
check "the package holds /usr/bin/vtasklint" out_has ' \./usr/bin/vtasklint$'
check "the package holds the man page" out_has ' \./usr/share/man/man1/vtasklint\.1$'

# A clean root whose package database holds only the dependencies, as this machine has them.
# root_with DIR [LEAVE_OUT]: that root, less one dependency when LEAVE_OUT is given.
root_with() {
  mkdir -p "$1/var/lib/dpkg/info" "$1/var/lib/dpkg/updates" "$1/var/lib/dpkg/triggers"
  : >"$1/var/lib/dpkg/status"
  for p in $(cat "$T/deps"); do
    [ "$p" = "${2:-}" ] && continue
    dpkg-query -s "$p" >>"$1/var/lib/dpkg/status" 2>/dev/null && echo >>"$1/var/lib/dpkg/status"
    arch=$(dpkg-query -W -f='${Architecture}' "$p" 2>/dev/null)
    : >"$1/var/lib/dpkg/info/$p.list"
    : >"$1/var/lib/dpkg/info/$p:$arch.list"
  done
}
R="$T/root"
root_with "$R"
last="dpkg --root=$R -i $DEB"
dpkg --root="$R" --log=/dev/null -i "$DEB" >"$T/out" 2>"$T/err"
rc=$?
check "dpkg -i into the clean root succeeds, its dependencies satisfied" status_is 0
check "the package is installed there" test -x "$R/usr/bin/vtasklint"
check "dpkg records it there" sh -c "grep -q '^Package: vtasklint$' '$R/var/lib/dpkg/status'"
findings_of "$R/usr/bin/vtasklint"
check "the installed binary finds the example's five findings" five_findings
mv "$R" "$T/root-moved"
findings_of "$T/root-moved/usr/bin/vtasklint"
check "the installed tree, moved, finds the five findings" five_findings

R2="$T/root-without"
root_with "$R2" "libclang-common-$MAJOR-dev"
last="dpkg --root=$R2 -i $DEB (no libclang-common-$MAJOR-dev)"
dpkg --root="$R2" --log=/dev/null -i "$DEB" >"$T/out" 2>"$T/err"
rc=$?
check "without the headers' package dpkg refuses the dependency" err_has "depends on libclang-common-$MAJOR-dev"

finish
