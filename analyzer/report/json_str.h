/* json_str.h: private to the JSON-based emitters (emit_json.c, emit_sarif.c). */
#ifndef VTL_REPORT_JSON_STR_H
#define VTL_REPORT_JSON_STR_H

#include <jansson.h>

/* jstr: a JSON string for s ("" for NULL); invalid UTF-8 bytes become U+FFFD (jansson refuses
 * invalid UTF-8, and a Latin-1 path must not lose the whole field). */
json_t *jstr(const char *s);

#endif
