#!/bin/sh
# testfw_config.sh: test-framework assertions a project names in .vtasklint.yaml
# (`Assertions: {Fatal, FatalFalse, ExpectThrow}`): a configured fatal macro and function guard
# what follows, a configured expect-throw helper's lambda makes no vtask, the near misses are
# still reported; --dump-config shows the key, and a bad name is one error line with its
# position.
# Usage: sh testfw_config.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P"
cat >"$P/.vtasklint.yaml" <<'YAML'
Assertions:
  Fatal: [ENSURE, 'tst::require']
  FatalFalse: [ENSURE_NOT]
  ExpectThrow: [must_throw]
YAML
cat >"$P/t.cpp" <<'CPP'
#include <vtask.hpp>
vt::vtask<int> read_async(int fd);
vt::vtask<int> open_stream(const char *path);
[[noreturn]] void fail(const char *what);
void check_impl(bool ok, const char *what); /* throws when !ok */
#define ENSURE(c) do { check_impl((c), #c); } while (0)
#define ENSURE_NOT(c) do { bool ok_ = (c); (void)ok_; } while (0)
namespace tst { void require(bool c); }
template <class F> void must_throw(F &&f) { try { f(); } catch (...) { return; } fail("no throw"); }
template <class F> void later(F &&f) { f(); }
void a() { auto t = read_async(1); ENSURE(t.is_completed()); (void)t.get_result(); }
void b() { auto t = read_async(2); ENSURE_NOT(!t.is_completed()); (void)t.get_result(); }
void c() { auto t = read_async(3); tst::require(t.is_completed()); (void)t.get_result(); }
void d() { must_throw([] { open_stream(nullptr); }); }
void e() { auto t = read_async(5); tst::require(true); (void)t.get_result(); }
void f() { later([] { open_stream("x"); }); }
CPP
last="vtasklint --no-cache t.cpp -- -std=c++20 $INC"
run_in "$P" --no-cache t.cpp -- -std=c++20 "$INC"
check "findings only on the near misses" status_is 1
check "a configured fatal macro guards" out_lacks '^t\.cpp:11:'
check "a configured negated fatal macro guards" out_lacks '^t\.cpp:12:'
check "a configured qualified function guards" out_lacks '^t\.cpp:13:'
check "a configured expect-throw helper's lambda makes no vtask" out_lacks '^t\.cpp:14:'
check "a guard on something else does not" out_has '^t\.cpp:15:[0-9]+: warning: .*\[vtask-blocking-unfinished\]$'
check "another helper's lambda still discards" out_has '^t\.cpp:16:[0-9]+: warning: .*\[vtask-discarded\]$'

last="vtasklint --dump-config t.cpp"
run_in "$P" --dump-config t.cpp
check "--dump-config shows Assertions" out_has "^  Fatal: \['ENSURE', 'tst::require'\]$"
check "--dump-config shows ExpectThrow" out_has "^  ExpectThrow: \['must_throw'\]$"

printf 'Assertions:\n  Fatal: [ENSURE, "two words"]\n' >"$P/.vtasklint.yaml"
last="vtasklint t.cpp (bad Assertions)"
run_in "$P" --no-cache t.cpp -- -std=c++20 "$INC"
check "a bad name fails the unit" status_is 2
check "one line with file:line:col" grep -q -E "\.vtasklint\.yaml:2:19: error: 'Fatal' names must be macro or function names \(got 'two words'\)" "$T/err"
finish
