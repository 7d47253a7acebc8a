/* c_lex.h: a lexer of C source text for flow/mentions.c: it reports the identifiers (as the
 * preprocessor sees them: line splices removed, \u and \U escapes turned into UTF-8), the
 * macro definitions, the #include-like directives and the strings that may hold an
 * annotation, and skips comments, literals and numbers. It does not expand macros or evaluate
 * #if: text in a skipped branch is reported like the rest (which only ever makes mentions.c
 * analyse more). Translation phases 1-3 as C17 has them: trigraphs (??= and ??/ only, the
 * ones that can make a directive or a splice), digraphs (%: and %:%:), CR, LF and CR-LF lines,
 * a UTF-8 byte-order mark at the start. */
#ifndef VTL_FLOW_C_LEX_H
#define VTL_FLOW_C_LEX_H

#include <stdbool.h>
#include <stddef.h>

enum c_tok {
  CT_IDENT,      /* an identifier (keywords too) */
  CT_ANNOT,      /* a string literal that spells "vtask" (an annotation's, or part of one) */
  CT_DEFINE,     /* #define NAME: the name; the tokens up to CT_DEFINE_END are its body */
  CT_DEFINE_END,
  CT_PASTE,      /* ## (or %:%:) inside a #define */
  CT_INCLUDE,    /* #include, #include_next, #import, #embed, at this offset */
  CT_PRAGMA,     /* a #pragma directive, or the identifier _Pragma: an annotation may follow */
  CT_LINE_END,   /* the end of a directive's line */
};

/* c_ident_start, c_ident_char: a byte that may start, or continue, an identifier (any byte of
 * a UTF-8 sequence does; $ as GNU C allows). */
bool c_ident_start(unsigned char c);
bool c_ident_char(unsigned char c);

/* c_lex: calls fn for each token of t[s, e) (s must start a token or a line). p and len spell
 * the token (an identifier's spelling may live in a buffer of the lexer's, valid during the
 * call); off is where it starts in t. */
typedef void (*c_tok_fn)(void *self, enum c_tok k, size_t off, const char *p, size_t len);
void c_lex(const char *t, size_t s, size_t e, c_tok_fn fn, void *self);

#endif
