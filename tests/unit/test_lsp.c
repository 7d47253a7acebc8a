/* test_lsp.c: the language server's pieces that need no process: the base protocol's framing
 * (lsp/rpc.h) on whole, split, glued, malformed and oversized input; positions in UTF-16,
 * UTF-8 and UTF-32 (lsp/position.h) on multi-byte text and every kind of line break; file
 * URIs; incremental edits of a document (lsp/document.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/lsp/document.h"
#include "analyzer/lsp/position.h"
#include "analyzer/lsp/rpc.h"

/* ---- framing ---- */

static void feed(struct rpc_reader *r, const char *s) { rpc_feed(r, s, strlen(s)); }

static void expect_body(struct rpc_reader *r, const char *want) {
  const char *body;
  size_t len;
  assert_int_equal(rpc_next(r, &body, &len), RPC_MESSAGE);
  assert_int_equal(len, strlen(want));
  assert_memory_equal(body, want, len);
}

static void frames_whole_split_and_glued(void **state) {
  (void)state;
  struct rpc_reader r;
  rpc_reader_init(&r, 0);
  const char *body;
  size_t len;
  feed(&r, "Content-Length: 2\r\n\r\n{}");
  expect_body(&r, "{}");
  assert_int_equal(rpc_next(&r, &body, &len), RPC_NEED_MORE);
  /* byte by byte, with a Content-Type header and a lower-case name */
  const char *m = "content-length: 7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1,2,3]";
  for (const char *p = m; *p; p++) {
    assert_int_equal(rpc_next(&r, &body, &len), RPC_NEED_MORE);
    rpc_feed(&r, p, 1);
  }
  expect_body(&r, "[1,2,3]");
  /* two in one read */
  feed(&r, "Content-Length: 1\r\n\r\n1Content-Length: 1\r\n\r\n2");
  expect_body(&r, "1");
  expect_body(&r, "2");
  assert_int_equal(rpc_next(&r, &body, &len), RPC_NEED_MORE);
  rpc_reader_release(&r);
}

static void bad_headers_are_skipped_and_reading_resumes(void **state) {
  (void)state;
  struct rpc_reader r;
  rpc_reader_init(&r, 0);
  const char *body;
  size_t len;
  /* no Content-Length at all: the header block and its body are skipped */
  feed(&r, "Content-Type: x\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\nok");
  assert_int_equal(rpc_next(&r, &body, &len), RPC_BAD_HEADER);
  assert_non_null(strstr(rpc_why(&r), "without Content-Length"));
  expect_body(&r, "ok");
  /* not a number, negative, trailing garbage */
  const char *bad[] = {"Content-Length: abc\r\n\r\n", "Content-Length: -5\r\n\r\n", "Content-Length: 5x\r\n\r\n",
                       "Content-Length: 99999999999999999999\r\n\r\n"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    feed(&r, bad[i]);
    feed(&r, "junk");
    assert_int_equal(rpc_next(&r, &body, &len), RPC_BAD_HEADER);
    assert_non_null(strstr(rpc_why(&r), "is not a number"));
    feed(&r, "Content-Length: 2\r\n\r\nok");
    expect_body(&r, "ok");
  }
  /* the rest of a body whose Content-Length was too short: junk up to the next header */
  feed(&r, "Content-Length: 3\r\n\r\n{\"a\": 1}Content-Length: 2\r\n\r\nok");
  expect_body(&r, "{\"a");
  assert_int_equal(rpc_next(&r, &body, &len), RPC_BAD_HEADER);
  assert_non_null(strstr(rpc_why(&r), "not a message header"));
  expect_body(&r, "ok");
  /* a partial field name waits for more */
  feed(&r, "Content-Len");
  assert_int_equal(rpc_next(&r, &body, &len), RPC_NEED_MORE);
  feed(&r, "gth: 2\r\n\r\nok");
  expect_body(&r, "ok");
  /* a header that never ends */
  char *big = malloc(RPC_MAX_HEADER + 10);
  memset(big, 'x', RPC_MAX_HEADER + 9);
  big[RPC_MAX_HEADER + 9] = 0;
  feed(&r, big);
  free(big);
  assert_int_equal(rpc_next(&r, &body, &len), RPC_BAD_HEADER);
  feed(&r, "Content-Length: 2\r\n\r\nok");
  expect_body(&r, "ok");
  rpc_reader_release(&r);
}

static void oversized_bodies_are_dropped_as_they_arrive(void **state) {
  (void)state;
  struct rpc_reader r;
  rpc_reader_init(&r, 100);
  const char *body;
  size_t len;
  feed(&r, "Content-Length: 1000\r\n\r\n");
  char chunk[300];
  memset(chunk, 'z', sizeof chunk);
  rpc_feed(&r, chunk, 100);
  assert_int_equal(rpc_next(&r, &body, &len), RPC_TOO_LARGE);
  assert_non_null(strstr(rpc_why(&r), "1000 bytes"));
  for (int i = 0; i < 3; i++) {
    rpc_feed(&r, chunk, 300); /* 900 more: the rest of the refused body */
    assert_int_equal(rpc_next(&r, &body, &len), RPC_NEED_MORE);
  }
  assert_true(r.buf.len - r.pos == 0); /* nothing of it was kept */
  feed(&r, "Content-Length: 2\r\n\r\nok");
  expect_body(&r, "ok");
  rpc_reader_release(&r);
}

/* ---- positions ---- */

/* "aé😀b": a (1 byte), é (2 bytes, 1 UTF-16 unit), 😀 (4 bytes, 2 units, 1 code point), b */
static const char mixed[] = "a\xC3\xA9\xF0\x9F\x98\x80" "b\r\nx\ry\nlast";

static void positions_in_each_encoding(void **state) {
  (void)state;
  size_t n = strlen(mixed);
  /* the offset of 'b' */
  assert_int_equal(pos_to_offset(mixed, n, 0, 4, POS_UTF16), 7);
  assert_int_equal(pos_to_offset(mixed, n, 0, 7, POS_UTF8), 7);
  assert_int_equal(pos_to_offset(mixed, n, 0, 3, POS_UTF32), 7);
  /* inside the surrogate pair / inside the UTF-8 sequence: the character's start */
  assert_int_equal(pos_to_offset(mixed, n, 0, 3, POS_UTF16), 3);
  assert_int_equal(pos_to_offset(mixed, n, 0, 5, POS_UTF8), 3);
  /* past the line's end: its end, before "\r\n" */
  assert_int_equal(pos_to_offset(mixed, n, 0, 99, POS_UTF16), 8);
  /* "\r\n", "\r" and "\n" each end a line */
  assert_int_equal(pos_to_offset(mixed, n, 1, 0, POS_UTF16), 10);
  assert_int_equal(pos_to_offset(mixed, n, 2, 0, POS_UTF16), 12);
  assert_int_equal(pos_to_offset(mixed, n, 3, 2, POS_UTF16), 16);
  /* past the last line: the end */
  assert_int_equal(pos_to_offset(mixed, n, 9, 0, POS_UTF16), n);
  /* byte columns (libclang's, 1-based) to characters */
  assert_int_equal(pos_from_line_col(mixed, n, 1, 8, POS_UTF16), 4);
  assert_int_equal(pos_from_line_col(mixed, n, 1, 8, POS_UTF8), 7);
  assert_int_equal(pos_from_line_col(mixed, n, 1, 8, POS_UTF32), 3);
  assert_int_equal(pos_from_line_col(mixed, n, 1, 99, POS_UTF16), 5);
  assert_int_equal(pos_from_line_col(mixed, n, 4, 3, POS_UTF16), 2);
  /* a stray byte counts as one character */
  assert_int_equal(pos_units("\xFF" "a", 2, POS_UTF16), 2);
}

static void encoding_negotiation(void **state) {
  (void)state;
  json_t *both = json_pack("[s,s]", "utf-16", "utf-8"), *only32 = json_pack("[s]", "utf-32");
  assert_int_equal(pos_encoding_choose(both), POS_UTF8);
  assert_int_equal(pos_encoding_choose(only32), POS_UTF16);
  assert_int_equal(pos_encoding_choose(NULL), POS_UTF16);
  assert_string_equal(pos_encoding_name(POS_UTF8), "utf-8");
  json_decref(both);
  json_decref(only32);
}

static void uris(void **state) {
  (void)state;
  char *p = uri_to_path("file:///home/a%20b/c%2B%2B/x.cpp");
  assert_string_equal(p, "/home/a b/c++/x.cpp");
  free(p);
  p = uri_to_path("file://localhost/tmp/x.c");
  assert_string_equal(p, "/tmp/x.c");
  free(p);
  assert_null(uri_to_path("untitled:Untitled-1"));
  assert_null(uri_to_path("file://server/share/x.c"));
  assert_null(uri_to_path("file:///a%00b"));
  char *u = uri_from_path("/tmp/a b/é.c");
  assert_string_equal(u, "file:///tmp/a%20b/%C3%A9.c");
  p = uri_to_path(u);
  assert_string_equal(p, "/tmp/a b/é.c");
  free(p);
  free(u);
  json_t *j = json_text("ok \xE9 latin-1");
  assert_string_equal(json_string_value(j), "ok \xEF\xBF\xBD latin-1");
  json_decref(j);
}

/* ---- documents ---- */

static json_t *change(unsigned sl, unsigned sc, unsigned el, unsigned ec, const char *text) {
  return json_pack("{s:{s:{s:i,s:i},s:{s:i,s:i}},s:s}", "range", "start", "line", sl, "character", sc, "end", "line",
                   el, "character", ec, "text", text);
}

static void incremental_edits(void **state) {
  (void)state;
  struct doc_store s;
  docs_init(&s);
  struct doc *old;
  const char *text = "int a;\n// \xF0\x9F\x98\x80 x\nint b;\n";
  struct doc *d = docs_open(&s, "file:///t.c", "c", 1, text, strlen(text), &old);
  assert_null(old);
  assert_string_equal(d->path, "/t.c");
  struct strbuf why = STRBUF_INIT;
  /* after the emoji (2 UTF-16 units): insert "!" */
  json_t *c = change(1, 5, 1, 5, "!");
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), 0);
  json_decref(c);
  assert_string_equal(sb_cstr(&d->text), "int a;\n// \xF0\x9F\x98\x80! x\nint b;\n");
  /* a range across lines, replaced */
  c = change(0, 4, 2, 4, "z;\nint ");
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), 0);
  json_decref(c);
  assert_string_equal(sb_cstr(&d->text), "int z;\nint b;\n");
  /* an insertion at the end (a line past the end means the end) */
  c = change(5, 0, 5, 0, "int c;\n");
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), 0);
  json_decref(c);
  assert_string_equal(sb_cstr(&d->text), "int z;\nint b;\nint c;\n");
  /* a whole-text change */
  c = json_pack("{s:s}", "text", "new");
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), 0);
  json_decref(c);
  assert_string_equal(sb_cstr(&d->text), "new");
  /* malformed: the text is left as it was */
  c = change(0, 2, 0, 1, "x");
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), -1);
  json_decref(c);
  c = json_pack("{s:{s:i}}", "range", "start", -1);
  json_object_set_new(c, "text", json_string(""));
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), -1);
  json_decref(c);
  c = json_pack("{s:i}", "range", 1);
  assert_int_equal(doc_apply_change(d, c, POS_UTF16, &why), -1);
  json_decref(c);
  assert_string_equal(sb_cstr(&d->text), "new");
  /* re-opening replaces */
  struct doc *d2 = docs_open(&s, "file:///t.c", "c", 7, "x", 1, &old);
  assert_ptr_equal(old, d);
  doc_free(old);
  assert_ptr_equal(docs_find(&s, "file:///t.c"), d2);
  assert_int_equal(s.n, 1);
  struct doc *d3 = docs_open(&s, "file:///a/./b//c/../t.c", "c", 1, "", 0, &old);
  assert_string_equal(d3->path, "/a/b/t.c");
  assert_string_equal(d3->uri, "file:///a/./b//c/../t.c"); /* answers use the client's spelling */
  sb_release(&why);
  docs_release(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(frames_whole_split_and_glued),
      cmocka_unit_test(bad_headers_are_skipped_and_reading_resumes),
      cmocka_unit_test(oversized_bodies_are_dropped_as_they_arrive),
      cmocka_unit_test(positions_in_each_encoding),
      cmocka_unit_test(encoding_negotiation),
      cmocka_unit_test(uris),
      cmocka_unit_test(incremental_edits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
