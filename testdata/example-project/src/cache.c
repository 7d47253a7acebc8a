/* cache.c: a small fixed-size cache of file bodies. A hit is handed out as an
 * already completed vtask (vtask_from_result), a miss as the pending file
 * read, so callers treat both the same way and can take the fast path when
 * the vtask is already completed. */
#include <string.h>

#include "tinyserve.h"

struct slot {
  char path[128];
  char body[CACHE_BODY_MAX];
  size_t len;
  bool used;
};

static struct slot slots[CACHE_SLOTS];
static unsigned next_victim;

static struct slot *lookup(const char *path)
{
  for (size_t i = 0; i < CACHE_SLOTS; i++)
    if (slots[i].used && strcmp(slots[i].path, path) == 0)
      return &slots[i];
  return NULL;
}

vtask_t cache_fetch(const char *path, char *scratch, size_t cap)
{
  struct slot *s = lookup(path);
  if (s)
    return vtask_from_result(s->body);
  return file_read_async(path, scratch, cap);
}

void cache_store(const char *path, const char *body, size_t len)
{
  if (strlen(path) >= sizeof slots[0].path || len >= CACHE_BODY_MAX)
    return;
  struct slot *s = lookup(path);
  if (!s) {
    s = &slots[next_victim];
    next_victim = (next_victim + 1) % CACHE_SLOTS;
  }
  strcpy(s->path, path);
  memcpy(s->body, body, len);
  s->body[len] = '\0';
  s->len = len;
  s->used = true;
}

/* Loads a page at start-up so the first request is a hit. */
void cache_preload(const char *path)
{
  static char buf[CACHE_BODY_MAX];
  vtask_t rd = file_read_async(path, buf, sizeof buf);
  const char *body = vtask_get_result(rd); // expect: vtask-blocking-unfinished
  if (body)
    cache_store(path, body, strlen(body));
}

/* Warms the cache without blocking start-up: a page that is already readable
 * is stored now; a slower one is left to finish in the background task group,
 * and the first request for it reads it again. */
void cache_prefetch(const char *path)
{
  static char scratch[CACHE_BODY_MAX];
  vtask_t t = file_read_async(path, scratch, sizeof scratch);
  const char *body;

  if (!vtask_is_completed(t)) {
    task_group_add(vtask_as_task(t));
    return;
  }
  body = vtask_get_result(t);
  if (body)
    cache_store(path, body, strlen(body));
}
