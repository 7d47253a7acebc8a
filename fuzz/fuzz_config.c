/* fuzz_config.c: .vtasklint.yaml text through the configuration reader (config_parse), then
 * the dump and a re-read of the dump. Any crash, leak, hang or sanitizer report is a bug; a
 * rejected file is not. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/driver/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void warn(void *self, const char *line) {
  (void)self;
  if (strchr(line, '\n'))
    abort(); /* every message is one line */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct vtl_config c;
  struct strbuf err = STRBUF_INIT;
  if (config_parse("fuzz.yaml", (const char *)data, size, &c, &err, warn, NULL) == 0) {
    /* What the dump says must read back. */
    char *dump = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&dump, &len);
    config_dump(&c, f);
    fclose(f);
    struct vtl_config again;
    struct strbuf err2 = STRBUF_INIT;
    if (config_parse("dump.yaml", dump, len, &again, &err2, NULL, NULL) != 0) {
      fprintf(stderr, "the dump does not read back: %s\n%s", sb_cstr(&err2), dump);
      abort();
    }
    config_release(&again);
    sb_release(&err2);
    free(dump);
    config_release(&c);
  } else if (strchr(sb_cstr(&err), '\n') || !err.len) {
    abort(); /* a failure is one line, and says something */
  }
  sb_release(&err);
  return 0;
}
