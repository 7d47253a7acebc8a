/* configured.c: spec section 4b's Awaitables, the user's own single-use types and the names of
 * their calls (struct model_custom, filled by the driver from .vtasklint.yaml). They belong to
 * the `custom` profile, as annotated types do. */
#include <string.h>

#include "analyzer/model/model_int.h"

const struct vtype *conf_custom_type(struct model *m, const char *name, int custom, bool fields_allowed) {
  if (m->settings->off[model_custom_profile])
    return NULL;
  struct vtype *t = ARENA_NEW(m->arena, struct vtype);
  t->name = arena_strdup(m->arena, name);
  t->profile = (uint8_t)model_custom_profile;
  t->double_await = DA_ERROR;
  t->fields_allowed = fields_allowed;
  t->discard_local = true;
  t->drop_reported = true;
  t->plain_handle = false;
  t->custom = custom;
  t->words = model_profiles[model_custom_profile].words;
  return model_with_settings(m, t);
}

/* configured: the configuration's awaitable whose Type names this declaration. C tags are
 * written 'struct job' (or 'union', 'enum'), typedefs and C++ classes by (qualified) name. */
static int configured(struct model *m, CXCursor decl, const char *qname) {
  const struct model_settings *s = m->settings;
  enum CXCursorKind k = clang_getCursorKind(decl);
  for (size_t i = 0; i < s->ncustom; i++) {
    const char *t = s->custom[i].type;
    if (strncmp(t, "struct ", 7) == 0 && (k == CXCursor_StructDecl || k == CXCursor_ClassDecl) && strcmp(t + 7, qname) == 0)
      return (int)i;
    if (strncmp(t, "union ", 6) == 0 && k == CXCursor_UnionDecl && strcmp(t + 6, qname) == 0)
      return (int)i;
    if (strncmp(t, "class ", 6) == 0 && strcmp(t + 6, qname) == 0)
      return (int)i;
    if (strcmp(t, qname) == 0 && (k == CXCursor_TypedefDecl || k == CXCursor_TypeAliasDecl ||
                                  clang_getCursorLanguage(decl) == CXLanguage_CPlusPlus))
      return (int)i;
  }
  return -1;
}

const struct vtype *conf_type(struct model *m, CXCursor decl, const char *qname) {
  int ci = configured(m, decl, qname);
  if (ci < 0)
    return NULL;
  return conf_custom_type(m, qname, ci, m->settings->custom[ci].fields_allowed == 1);
}

/* conf_role: the configuration's awaitables name functions (the argument of their type) and
 * methods by name. */
bool conf_role(struct model *m, struct callee_info *ci, CXCursor decl, const struct vtype *vt) {
  static const uint8_t role_of[CR_COUNT] = {ROLE_AWAIT, ROLE_GET_RESULT, ROLE_WAIT, ROLE_QUERY, ROLE_TRANSFER,
                                            ROLE_CREATE_COMPLETED};
  const struct model_settings *s = m->settings;
  for (size_t i = 0; i < s->ncustom; i++) {
    const struct model_custom *c = &s->custom[i];
    if (vt && vt->custom != (int)i)
      continue;
    for (int r = 0; r < CR_COUNT; r++)
      for (size_t k = 0; k < c->nnames[r]; k++) {
        if (strcmp(c->names[r][k], ci->name) != 0)
          continue;
        ci->role = role_of[r];
        ci->arg = -1;
        if (r == CR_WAIT)
          ci->wait = true;
        if (!vt && r != CR_CREATE_COMPLETED) {
          /* a free function: the first argument of the configured type */
          int n = clang_Cursor_getNumArguments(decl);
          ci->arg = -2;
          for (int a = 0; a < n && ci->arg == -2; a++) {
            const struct vtype *at = model_vtype(m, clang_getCursorType(clang_Cursor_getArgument(decl, (unsigned)a)));
            if (at && at->custom == (int)i)
              ci->arg = (int8_t)a;
          }
          if (ci->arg == -2) {
            ci->role = ROLE_NONE;
            ci->arg = -1;
            ci->wait = false;
            continue;
          }
        }
        return true;
      }
  }
  return false;
}
