/* position.h: LSP positions and the byte columns the analysis speaks. A position is a 0-based
 * line and a 0-based character offset counted in the negotiated encoding: UTF-16 code units
 * (the protocol's default), UTF-8 bytes or UTF-32 code points. Lines end at "\n", "\r\n" or
 * "\r". Characters past a line's end mean its end, lines past the text's end mean the end (as
 * the specification asks); a position inside a UTF-16 surrogate pair or a UTF-8 sequence means
 * the character's start. Also file URIs and safe JSON strings. */
#ifndef VTL_LSP_POSITION_H
#define VTL_LSP_POSITION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum pos_encoding { POS_UTF16, POS_UTF8, POS_UTF32 };

/* pos_encoding_name: "utf-16", "utf-8", "utf-32". */
const char *pos_encoding_name(enum pos_encoding e);
/* pos_encoding_choose: from a client's general.positionEncodings (may be NULL): utf-8 when
 * offered, else utf-16. */
enum pos_encoding pos_encoding_choose(const json_t *offered);

/* pos_line_start: the byte offset where 0-based line starts; len when there is no such line
 * (then *exists is false, when exists is non-NULL). */
size_t pos_line_start(const char *text, size_t len, unsigned line, bool *exists);
/* pos_line_end: the offset of the end of the line starting at off (before its line break). */
size_t pos_line_end(const char *text, size_t len, size_t off);
/* pos_to_offset: the byte offset of an LSP position (clamped as above). */
size_t pos_to_offset(const char *text, size_t len, unsigned line, unsigned character, enum pos_encoding enc);
/* pos_units: how many characters of encoding enc the n bytes at s make (a partial sequence at
 * the end counts whole). */
unsigned pos_units(const char *s, size_t n, enum pos_encoding enc);
/* pos_from_line_col: the LSP character of the 1-based byte column col on the 1-based line of
 * text (libclang's columns); a column past the line's end gives its end. */
unsigned pos_from_line_col(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc);

/* uri_to_path: the absolute path of a file: URI (percent-decoded), or NULL (not file:, not
 * absolute, a NUL in it). The caller frees it. */
char *uri_to_path(const char *uri);
/* uri_from_path: a file: URI for an absolute path. The caller frees it. */
char *uri_from_path(const char *path);

/* json_text: a JSON string of s, with bytes that are not valid UTF-8 replaced by U+FFFD (a
 * source file in Latin-1; jansson refuses such strings). Never NULL. */
json_t *json_text(const char *s);

#endif
