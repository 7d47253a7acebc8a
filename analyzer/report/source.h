/* source.h: the emitters' view of source text: one line of a file, read when a format needs it
 * (the text format's snippet, SARIF's UTF-16 columns), and the column arithmetic on it. One
 * file is kept at a time, as diagnostics arrive sorted by file. An editor's unsaved buffer
 * (--stdin-filename) stands in for the file of that name. */
#ifndef VTL_REPORT_SOURCE_H
#define VTL_REPORT_SOURCE_H

#include <stddef.h>

struct source_reader {
  const char *buf_file, *buf_text; /* the buffer standing in for buf_file, or NULL */
  size_t buf_len;
  char *path; /* the file held below (heap) */
  char *text;
  size_t len;
  const char *shown; /* text or buf_text */
  size_t shown_len;
};

/* source_reader_init: a reader with no file; buffer_file (may be NULL) is then read from
 * text[0..len) instead of the disk. Nothing is copied: the buffer must outlive the reader. */
void source_reader_init(struct source_reader *r, const char *buffer_file, const char *text, size_t len);
void source_reader_release(struct source_reader *r);
/* source_line: line `line` (1-based) of path without its line ending, *len its length; NULL
 * when the file cannot be read or is shorter. */
const char *source_line(struct source_reader *r, const char *path, unsigned line, size_t *len);

/* source_utf16_col: the 1-based column, in UTF-16 code units (what SARIF's utf16CodeUnits and
 * GitHub count), of the 1-based byte column byte_col of line[0..len): a character below
 * U+10000 is one unit, one above two; a byte that is not UTF-8 is one (it reads as U+FFFD);
 * a tab is one. Bytes past the end of the line count one each. 0 stays 0 (no column). */
unsigned source_utf16_col(const char *line, size_t len, unsigned byte_col);

/* source_utf8_len: the length of the well-formed UTF-8 character at p (of at most n bytes), 0
 * when it is not one (a stray byte, an overlong form, a surrogate). */
size_t source_utf8_len(const unsigned char *p, size_t n);

#endif
