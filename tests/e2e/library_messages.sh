#!/bin/sh
# library_messages.sh: the words a finding uses are the library's, and true of the case at hand:
# a dropped std::async(std::launch::deferred, f) never runs f (its destructor does not wait),
# where a dropped std::launch::async one runs it synchronously; a libuv handle freed before its
# close callback ran says what libuv allows.
# Usage: sh library_messages.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
cat >"$T/async.cpp" <<'CPP'
#include <future>
void drop_deferred() { std::async(std::launch::deferred, [] { return 1; }); }
void drop_async() { std::async(std::launch::async, [] { return 1; }); }
void drop_either() { std::async(std::launch::async | std::launch::deferred, [] { return 1; }); }
CPP
last="vtasklint async.cpp -- -std=c++17"
run --no-cache "$T/async.cpp" -- -std=c++17
check "deferred: it never runs" out_has 'async\.cpp:2:.*discarded; a deferred call runs only when its result is asked for, so it never runs \[vtask-discarded\]'
check "async: the destructor waits" out_has 'async\.cpp:3:.*discarded; its destructor waits for the call to finish, so the call runs synchronously \[vtask-discarded\]'
check "either: the destructor may wait" out_has 'async\.cpp:4:.*its destructor waits'

cat >"$T/uv.c" <<'C'
#include <stdlib.h>
#include <uv.h>
void shut(uv_loop_t *loop) {
  uv_tcp_t *h = malloc(sizeof *h);
  uv_tcp_init(loop, h);
  uv_close((uv_handle_t *)h, NULL);
  free(h);
}
C
last="vtasklint uv.c -- $INC"
run --no-cache "$T/uv.c" -- "$INC"
check "uv: freed while closing" out_has "uv\\.c:7:3: warning: handle 'h' is freed while it is being closed; libuv lets a handle's memory go only in its close callback or after it ran \\[vtask-use-after-await\\]"
check "uv: the note at the close" out_has 'uv\.c:6:3: note: closed here'
finish
