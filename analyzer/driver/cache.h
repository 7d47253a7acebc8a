/* cache.h: the result cache. A unit whose compile command, configuration, analyzer and every
 * file it includes (by content hash, xxHash) are unchanged is not parsed again: its findings
 * come from the cache. An entry is one file,
 *   DIR/<k0k1>/<key>.vtc:  "vtasklint-cache 1 <key>\n", "F <hash> <path>\n" per file, "E\n",
 *   then the findings in the worker wire format (pool.h).
 * Entries are written to a temporary name and renamed into place, so parallel workers and
 * concurrent vtasklint processes never see half an entry; a corrupt or foreign entry is
 * ignored (and rewritten by the next analysis), never trusted. The cache's contents are
 * untrusted input: an entry is read only when it is a regular file of a sane size, reached
 * without following a symlink; a listed dependency is hashed only when it is a regular file;
 * temporaries are created with O_EXCL|O_NOFOLLOW under unpredictable names. */
#ifndef VTL_DRIVER_CACHE_H
#define VTL_DRIVER_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/driver/compdb.h"
#include "analyzer/driver/unit.h"
#include "analyzer/report/diag.h"

struct cache;

/* cache_open: a cache rooted at dir (created 0700 if missing); NULL, with the reason in why,
 * when it cannot be created or is not ours alone (owned by another user, writable by others). */
struct cache *cache_open(const char *dir, struct strbuf *why);
void cache_close(struct cache *c);
/* cache_key: the key of a job under a configuration (hex, 16 digits, in out[17]). */
void cache_key(const struct job *j, const struct unit_config *cfg, char out[17]);
/* cache_lookup: the job's cached findings appended to out when the entry is valid and every
 * file it names still has the recorded hash. File hashes are memoised for the whole run. */
bool cache_lookup(struct cache *c, const char key[17], struct diag_list *out);
/* cache_parse_entry: cache_lookup on an entry's text (len bytes, modified in place), for tests
 * and fuzzing. */
bool cache_parse_entry(struct cache *c, const char key[17], char *text, size_t len, struct diag_list *out);
/* cache_store: writes an entry (atomically) for key: files and their hashes, and findings. */
void cache_store(const char *dir, const char key[17], const struct unit_deps *deps, const struct diag_list *findings);
const char *cache_dir(const struct cache *c);

#endif
