/* emit_github.c: placeholder until the emitter lands. */
#include "analyzer/report/emit.h"
void emit_github(FILE *out, const struct diag_list *l) { (void)out; (void)l; }
