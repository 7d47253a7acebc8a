/* emit_json.c: placeholder until the emitter lands. */
#include "analyzer/report/emit.h"
void emit_json(FILE *out, const struct diag_list *l, const struct emit_meta *m) { (void)out; (void)l; (void)m; }
