/* vtask.h: the reference C API of single-use awaitables (spec section 2).
 * Declarations only: fixtures include this header; nothing links against it. */
#ifndef VTASK_H
#define VTASK_H

#include <stdbool.h>

typedef struct vtask {
  void *source;
  unsigned token;
  unsigned flags;
  void *result;
} vtask_t;

typedef struct task task_t; /* multi-use task: NOT single-use, never tracked */

void *vtask_await(vtask_t vt);                   /* await                         */
void *vtask_get_result(vtask_t vt);              /* get-result                    */
bool vtask_is_completed(vtask_t vt);             /* query: completed              */
bool vtask_is_completed_successfully(vtask_t vt); /* query: completed             */
bool vtask_is_faulted(vtask_t vt);               /* query: true implies completed */
bool vtask_is_canceled(vtask_t vt);              /* query: true implies completed */
task_t *vtask_as_task(vtask_t vt);               /* transfer                      */
vtask_t vtask_from_result(void *result);         /* create-completed              */
vtask_t vtask_completed(void);                   /* create-completed              */

#endif
