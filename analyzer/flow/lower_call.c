/* lower_call.c: calls. The model gives a callee its role (create, await, get-result, query,
 * transfer, wait, liveness, ...) and says which operand it applies to; a same-unit callee's
 * summary replaces the by-value default; any other argument is passed according to its
 * parameter type. What a call proves when used as a condition (a completion or liveness query)
 * is returned in struct call_facts, for lower_cond and the declaration of a flag. */
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/support/strbuf.h"

static bool refers_to(struct lower *L, CXCursor c, CXCursor fn) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_OverloadedDeclRef)
    return false;
  (void)L;
  return clang_equalCursors(clang_getCursorReferenced(c), fn);
}

/* A call expression, once the callee is told apart from the operands. */
struct call {
  CXCursor c;
  CXCursor fn; /* the callee's declaration, when have_fn */
  bool have_fn;
  const struct callee_info *ci; /* the callee's role; NULL when unknown */
  const char *name;             /* the callee's name for events (the model's interned one) */
  CXCursor object;              /* a member call's object, or a member operator's first operand */
  bool have_object;
  CXCursor *args;
  unsigned nargs;
  bool construct;  /* an unresolved construction T(args) of a type inside a template */
  struct val ov;  /* the object's value */
  struct val *av; /* the arguments' values */
  int role_arg;   /* which operand the role applies to: an argument, -1 the object, -2 none */
};

/* tries: the callee answers whether it took what it was given: a try_push(T&&) that moves
 * only when it says it succeeded (moodycamel's bool try_enqueue, folly's tryWrite,
 * Boost.Fiber's channel_op_status try_push, a project's pool_try_push or PoolTryPush): "try"
 * begins a word of its name ("retry", "entry" do not), and it returns something. */
static bool tries(const struct call *k, CXType ft) {
  if (!k->have_fn || clang_getCanonicalType(clang_getResultType(ft)).kind == CXType_Void)
    return false;
  CXString s = clang_getCursorSpelling(k->fn);
  const char *n = clang_getCString(s);
  bool t = false;
  for (const char *p = n; p && *p && !t; p++)
    t = (strncmp(p, "try", 3) == 0 && (p == n || p[-1] == '_')) || strncmp(p, "Try", 3) == 0;
  clang_disposeString(s);
  return t;
}

/* reads_number: a thread ID (a plain handle of type vt) given to a parameter of type pt that
 * is no thread (an integer, a number's const reference) is its value read: it names the
 * thread it named even after the join (`printf("joined %lu\n", (unsigned long)t)`). */
static bool reads_number(struct lower *L, const struct vtype *vt, CXType pt) {
  return vt && vt->plain_handle && !model_vtype(L->o->model, pt);
}

/* pass_arg: what passing value v to parameter type pt of call k (function type ft) does to
 * it; in_varargs: v goes to the variadic part of a known callee (pt is then invalid, as it is
 * for a callee whose parameters are unknown). */
static void pass_arg(struct lower *L, struct val v, CXType pt, const struct call *k, CXType ft, bool in_varargs) {
  if (v.kind != VAL_VAR && v.kind != VAL_MOVED)
    return;
  CXCursor at = k->c;
  const char *callee = k->name;
  const struct vtype *vt = L->g->vars.v[v.var].type;
  switch (pt.kind) {
  case CXType_LValueReference:
    if (clang_isConstQualifiedType(clang_getPointeeType(pt))) {
      /* std::map<unsigned long, ...>::erase(t) */
      if (!reads_number(L, vt, clang_getPointeeType(pt)))
        emit(L, EV_USE, v.var, -1, at, callee);
    } else {
      emit(L, EV_ESCAPE, v.var, -1, at, callee);
    }
    return;
  case CXType_RValueReference:
    /* A `T&&` parameter may or may not move from it; std::move says the caller gave it up,
     * unless the callee answers whether it took it: a try_push(T&&) that moves only when it
     * returns true (moodycamel's try_enqueue) leaves the caller its value on false. A bool
     * send(T&&) is no try: it takes it (a same-file one's body says so in its summary). */
    emit(L, v.kind == VAL_MOVED && !tries(k, ft) ? EV_TRANSFER : EV_ESCAPE, v.var, -1, at, callee);
    return;
  default: {
    /* pthread_t and the like are plain values: passing one on is not giving it away. It is a
     * use of the thread only where the parameter is one (pthread_kill's pthread_t), or may be
     * (a callee whose parameters are unknown): a number's parameter, or printf's variadic
     * part, reads its value (reads_number). */
    if (v.kind != VAL_MOVED && (in_varargs || pt.kind != CXType_Invalid) && reads_number(L, vt, pt))
      return;
    int kind = v.kind == VAL_MOVED ? EV_TRANSFER : (vt && vt->plain_handle) ? EV_USE : EV_PASS;
    emit(L, kind, v.var, -1, at, callee);
    return;
  }
  }
}

/* apply_summary: what a same-unit callee's summary says it does to the argument v. */
static void apply_summary(struct lower *L, uint8_t role, struct val v, CXCursor at, const char *callee,
                          struct call_facts *facts) {
  int32_t var;
  size_t before = L->g->events.n;
  switch (role) {
  case SUM_AWAIT:
  case SUM_GET_RESULT:
    val_consume(L, v, role == SUM_AWAIT ? EV_AWAIT : EV_GET_RESULT, at, callee);
    if (L->g->events.n > before && callee) { /* messages: "after it was already consumed by 'join_quietly'" */
      struct strbuf sb = STRBUF_INIT;
      sb_addf(&sb, "consumed by '%s'", callee);
      L->g->events.v[L->g->events.n - 1].word = arena_strdup(L->a, sb_cstr(&sb));
      sb_release(&sb);
    }
    break;
  case SUM_QUERY:
  case SUM_QUERY_NOT:
    var = val_consume(L, v, EV_QUERY, at, callee);
    if (var < 0)
      break;
    if (facts->query_var < 0) {
      facts->query_var = var;
      facts->query_neg = role == SUM_QUERY_NOT;
    } else if (facts->query_neg != (role == SUM_QUERY_NOT) || facts->nmore == CALL_MORE_QUERIES) {
      facts->mixed = true;
    } else {
      facts->more[facts->nmore++] = var;
    }
    break;
  case SUM_ESCAPE:
  case SUM_PARTIAL:
    val_escape(L, v, at);
    break;
  case SUM_USE:
    val_consume(L, v, EV_USE, at, callee);
    break;
  case SUM_COMPLETES:
    var = val_consume(L, v, EV_USE, at, callee);
    if (var >= 0 && L->tr) /* a throw out of the helper reaches a handler before it completed */
      goto_block(L, new_block(L));
    if (var >= 0) {
      int32_t e = emit(L, EV_WAIT, var, -1, at, callee);
      L->g->events.v[e].flags |= EVF_COMPLETES;
    }
    break;
  default:
    break;
  }
}

/* member_name: a dependent member expression has no spelling: its last identifier token is
 * the member (t.get_result). */
static const char *member_name(struct lower *L, CXCursor m) {
  char *name = cx_spell(L, m);
  if (*name)
    return name;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(L->tu, clang_getCursorExtent(m), &toks, &n);
  for (unsigned i = n; i-- > 0;)
    if (clang_getTokenKind(toks[i]) == CXToken_Identifier) {
      CXString s = clang_getTokenSpelling(L->tu, toks[i]);
      name = arena_strdup(L->a, clang_getCString(s));
      clang_disposeString(s);
      break;
    }
  clang_disposeTokens(L->tu, toks, n);
  return name;
}

static void member_object(struct lower *L, CXCursor member, struct call *k) {
  struct kids mk = cx_kids(L, member);
  for (unsigned j = 0; j < mk.n; j++)
    if (clang_isExpression(clang_getCursorKind(mk.v[j])))
      k->object = mk.v[j], k->have_object = true;
}

/* overloaded_callee: a callee named by an unresolved overload set (a call that depends on a
 * template parameter, such as std::move(x)): its role is the set's, by qualified name. */
static bool overloaded_callee(struct lower *L, CXCursor s, struct call *k) {
  CXCursor ref = clang_getCursorKind(s) == CXCursor_DeclRefExpr ? clang_getCursorReferenced(s) : s;
  if (clang_getCursorKind(ref) != CXCursor_OverloadedDeclRef || clang_getNumOverloadedDecls(ref) == 0)
    return false;
  CXCursor fn = clang_getOverloadedDecl(ref, 0);
  if (!cx_is_function_kind(clang_getCursorKind(fn)))
    return false;
  k->fn = fn;
  k->have_fn = true;
  k->ci = model_callee(L->o->model, fn);
  return true;
}

/* call_shape: the callee, its role, the object and the arguments of call c. */
static void call_shape(struct lower *L, CXCursor c, struct call *k) {
  memset(k, 0, sizeof *k);
  k->c = c;
  k->fn = clang_getCursorReferenced(c);
  k->have_fn = !clang_Cursor_isNull(k->fn) && cx_is_function_kind(clang_getCursorKind(k->fn));
  k->ci = k->have_fn ? model_callee(L->o->model, k->fn) : NULL;
  struct kids kd = cx_kids(L, c);
  k->object = clang_getNullCursor();
  /* Inside a template, T(std::move(a)) is a CallExpr without a callee whose first children
   * name the type (NamespaceRef, TemplateRef, TypeRef), not a call. */
  k->construct = !k->have_fn && kd.n && !clang_isExpression(clang_getCursorKind(kd.v[0])) && val_is_vtask(L, c);
  bool callee_seen = false, operator_call = false;
  k->args = ARENA_ARRAY(L->a, CXCursor, kd.n + 1);
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor e = kd.v[i];
    if (!clang_isExpression(clang_getCursorKind(e)))
      continue;
    CXCursor s = cx_strip(L, e);
    if (!callee_seen && k->have_fn && refers_to(L, s, k->fn)) {
      callee_seen = true;
      if (clang_getCursorKind(s) == CXCursor_MemberRefExpr)
        member_object(L, s, k);
      else if (i > 0)
        operator_call = true; /* `a op b`: the callee sits between the operands */
      continue;
    }
    if (!callee_seen && !k->have_fn && i == 0 && overloaded_callee(L, s, k)) {
      callee_seen = true; /* std::move(x) on a dependent x: an unresolved overload set */
      continue;
    }
    if (!callee_seen && !k->have_fn && i == 0) {
      callee_seen = true;
      if (clang_getCursorKind(s) == CXCursor_MemberRefExpr) {
        /* A member call that depends on a template parameter (t.get_result() on a
         * vt::vtask<T>): no declaration to ask, but the member's name and the object's
         * tracked type still say what it does. */
        member_object(L, s, k);
        if (k->have_object) {
          CXCursor os = cx_strip(L, k->object);
          int32_t ovar = clang_getCursorKind(os) == CXCursor_DeclRefExpr ? var_of(L, os) : -1;
          if (ovar >= 0 && L->g->vars.v[ovar].type)
            k->ci = model_method_named(L->o->model, L->g->vars.v[ovar].type, member_name(L, s));
        }
        continue;
      }
      lower_expr(L, e); /* a call through a function pointer */
      continue;
    }
    k->args[k->nargs++] = e;
  }
  /* A member operator called as `a op b` or `op a`: the first operand is the object. */
  if (k->have_fn && clang_getCursorKind(k->fn) == CXCursor_CXXMethod && !k->have_object && k->nargs > 0) {
    if (operator_call || strncmp(k->ci->name, "operator", 8) == 0) { /* the model's interned name */
      k->object = k->args[0];
      k->have_object = true;
      memmove(k->args, k->args + 1, sizeof *k->args * --k->nargs);
    }
  }
  k->name = k->ci ? k->ci->name : NULL;
}

/* lower_special_call: assignment, copy and move of a vtask object, which are calls in C++ but
 * pass the operation on. Returns true (with the value in *out) when c was one. */
static bool lower_special_call(struct lower *L, const struct call *k, struct val *out) {
  /* Any object assigned anew (`w = ws[i];` of a struct holding a thread): the paths from it
   * name what it holds now. */
  if (k->have_fn && k->have_object && k->name && strncmp(k->name, "operator", 8) == 0 &&
      (strcmp(k->name + 8, "=") == 0 || strcmp(k->name + 8, "++") == 0 || strcmp(k->name + 8, "--") == 0 ||
       strcmp(k->name + 8, "+=") == 0 || strcmp(k->name + 8, "-=") == 0))
    var_forget_written(L, k->object, k->c);
  /* Assignment to a vtask object in C++ is operator= on it. */
  if (k->have_fn && k->have_object && k->name && strcmp(k->name, "operator=") == 0 && val_is_vtask(L, k->object) &&
      k->nargs == 1) {
    struct val rv = lower_expr(L, k->args[0]);
    lower_assign(L, k->object, rv, k->c);
    *out = NONE;
    return true;
  }
  /* Copy and move construction of a vtask pass the operation through. */
  if ((k->construct || (k->have_fn && clang_getCursorKind(k->fn) == CXCursor_Constructor)) && val_is_vtask(L, k->c)) {
    if (k->nargs == 1 && val_is_vtask(L, k->args[0])) {
      *out = lower_expr(L, k->args[0]);
      return true;
    }
    for (unsigned i = 0; i < k->nargs; i++)
      val_escape(L, lower_expr(L, k->args[i]), k->c);
    *out = k->nargs ? (struct val){VAL_UNKNOWN, false, -1, {0}, NULL} : NONE;
    return true;
  }
  return false;
}

static bool is_method(const struct call *k) {
  enum CXCursorKind fk = clang_getCursorKind(k->fn);
  return fk == CXCursor_CXXMethod || fk == CXCursor_ConversionFunction;
}

/* lower_operands: the object's and the arguments' events and values, in evaluation order; a
 * method's role comes from the object's type (the method may live in a base class). */
static void created_into(struct lower *L, CXCursor arg, CXCursor at);

static void lower_operands(struct lower *L, struct call *k) {
  if (k->have_fn && k->have_object && is_method(k)) {
    /* through the implicit derived-to-base cast of a base-class method (future::valid) */
    const struct vtype *ovt = model_vtype(L->o->model, clang_getCursorType(cx_strip(L, k->object)));
    if (ovt)
      k->ci = model_method(L->o->model, ovt, k->fn);
  }
  k->ov = NONE;
  if (k->have_object)
    k->ov = lower_expr(L, k->object);
  /* A method called on a proxy of the operation (libcoro: t.promise().result()). */
  if (k->have_fn && k->have_object && k->ov.kind == VAL_VAR && L->g->vars.v[k->ov.var].type &&
      !model_vtype(L->o->model, clang_getCursorType(cx_strip(L, k->object))) && is_method(k))
    k->ci = model_method(L->o->model, L->g->vars.v[k->ov.var].type, k->fn);
  k->av = ARENA_ARRAY(L->a, struct val, k->nargs + 1);
  for (unsigned i = 0; i < k->nargs; i++) {
    /* A profile's create or consume through a pointer (pthread_create(&t), uv_close(&h)):
     * the address taken there is the call's business, not an escape. */
    if (k->ci && k->ci->by_pointer && (int)i == k->ci->arg) {
      if (k->ci->role == ROLE_CREATE_OUT)
        created_into(L, k->args[i], k->c);
      int32_t pv = var_pointee(L, k->args[i]);
      if (pv < 0)
        pv = var_path_pointee(L, k->args[i]);
      k->av[i] = pv >= 0 ? var_val(pv) : NONE;
      if (pv < 0) {
        lower_expr(L, k->args[i]);
        if (k->ci->role != ROLE_FREE) /* free(s): what s held is gone, not changed */
          var_reset_paths(L, k->c); /* pthread_create(&ts[i], ...): it may be any path's */
      }
      continue;
    }
    k->av[i] = lower_expr(L, k->args[i]);
  }
}

/* created_into: a create-out call writes what arg points at, which another spelling may name
 * too: `pthread_create(&w->tid, ...)` with w = &pool->ws[0] makes pool->ws[0].tid another
 * thread, as `w->tid = t` would; through a pointer (`pthread_create(out, ...)`) or a reference
 * (`pthread_create(&slot, ...)`) it may be any path's. */
static void created_into(struct lower *L, CXCursor arg, CXCursor at) {
  CXCursor s = cx_strip(L, arg);
  if (clang_getCursorKind(s) == CXCursor_UnaryOperator && cx_unop(L, s) == OP_ADDROF) {
    struct kids kd = cx_kids(L, s);
    if (kd.n == 1)
      var_forget_written(L, kd.v[0], at);
    return;
  }
  var_forget_pointee(L, at);
}

/* out_arguments: `&x` given to a call with a role besides its operand (pthread_join(t, (void
 * **)&c)) may be written: c's paths name another structure after the call. A call without one
 * forgets every path anyway. */
static void out_arguments(struct lower *L, const struct call *k) {
  if (!k->ci || k->ci->role == ROLE_NONE || k->ci->role == ROLE_CREATE)
    return;
  for (unsigned i = 0; i < k->nargs; i++) {
    CXCursor s = cx_strip(L, k->args[i]);
    if ((int)i == k->role_arg || clang_getCursorKind(s) != CXCursor_UnaryOperator || cx_unop(L, s) != OP_ADDROF)
      continue;
    struct kids kd = cx_kids(L, s);
    if (kd.n == 1)
      var_forget_written(L, kd.v[0], k->c);
  }
}

/* role_operand: which operand the callee's role applies to (struct call's role_arg). */
static int role_operand(struct lower *L, struct call *k) {
  /* What the arguments make of the callee (a wait with a zero timeout only polls). */
  const struct callee_info *ci = k->ci = model_call_args(L->o->model, k->ci, k->args, k->nargs);
  int role_arg = -2;
  if (ci && ci->role != ROLE_NONE && ci->role != ROLE_CREATE && ci->role != ROLE_CREATE_COMPLETED)
    role_arg = ci->arg;
  if (role_arg >= (int)k->nargs)
    role_arg = -2;
  if (role_arg == -1 && !k->have_object)
    role_arg = -2;
  return role_arg;
}

/* consume_as: val_consume, with the library's word for the consumption and whether it only
 * releases the operation (pthread_detach), from the model. */
static int32_t consume_as(struct lower *L, const struct callee_info *ci, struct val tv, int kind, CXCursor c,
                          const char *name) {
  size_t before = L->g->events.n;
  int32_t var = val_consume(L, tv, kind, c, name);
  if (L->g->events.n > before) {
    struct event *e = &L->g->events.v[L->g->events.n - 1];
    e->word = ci->verb;
    if (ci->releases)
      e->flags |= EVF_RELEASES;
  }
  return var;
}

/* apply_role: the callee's role happens to its operand. Returns true (with the value in *out)
 * when the call is a proxy that stands for the operation itself. */
static bool apply_role(struct lower *L, const struct call *k, struct call_facts *facts, struct val *out) {
  const struct callee_info *ci = k->ci;
  CXCursor c = k->c;
  const char *name = k->name;
  struct val tv = k->role_arg == -1 ? k->ov : k->av[k->role_arg];
  int32_t tvar = tv.kind == VAL_VAR || tv.kind == VAL_MOVED ? tv.var : -1;
  switch (ci->role) {
  case ROLE_AWAIT:
  case ROLE_GET_RESULT:
  case ROLE_QUERY:
  case ROLE_TRANSFER: {
    static const int ev_of[] = {[ROLE_AWAIT] = EV_AWAIT, [ROLE_GET_RESULT] = EV_GET_RESULT,
                                [ROLE_QUERY] = EV_QUERY, [ROLE_TRANSFER] = EV_TRANSFER};
    int32_t var = consume_as(L, ci, tv, ev_of[ci->role], c, name);
    if (ci->role == ROLE_QUERY)
      facts->query_var = var;
    break;
  }
  case ROLE_WAIT:
    /* Blocks until done (so completed afterwards); future::get also consumes (then the wait
     * names no variable: it is not a use of what it consumes). */
    emit(L, EV_WAIT, ci->consumes ? -1 : tvar, -1, c, name);
    if (ci->consumes)
      consume_as(L, ci, tv, EV_AWAIT, c, name);
    break;
  case ROLE_RUN:
    consume_as(L, ci, tv, EV_RUN, c, name);
    break;
  case ROLE_USE:
    consume_as(L, ci, tv, EV_USE, c, name);
    break;
  case ROLE_LIVENESS:
  case ROLE_CLOSED_QUERY:
    /* Not a use: asking whether it may still be consumed is always allowed. */
    facts->live_var = tvar;
    facts->live_neg = ci->role == ROLE_CLOSED_QUERY;
    break;
  case ROLE_CREATE_OUT:
    if (tvar >= 0)
      emit(L, EV_CREATE, tvar, -1, c, name);
    break;
  case ROLE_PROXY:
    if (tvar >= 0) {
      *out = var_val(tvar);
      return true;
    }
    break;
  case ROLE_FREE: { /* free(h), or free(s) of the structure a handle lives in (&s->timer) */
    size_t before = L->g->events.n;
    if (tvar >= 0)
      emit(L, EV_FREE, tvar, -1, c, name);
    else
      var_free_paths_in(L, k->args[k->role_arg], c, name);
    for (size_t e = before; e < L->g->events.n; e++)
      L->g->events.v[e].word = ci->verb;
    break;
  }
  case ROLE_FINISH:
    emit(L, EV_FINISH, -1, -1, c, name);
    break;
  default:
    break;
  }
  return false;
}

/* pass_args: the arguments no role applies to. Summaries of callees defined in this unit
 * replace the default of the parameter's type, but for a T&& parameter of a library's function
 * (its default says what std::move into it does: the body of push_back or emplace, which
 * forwards it into storage, would say less). A virtual member's summary is its definition's,
 * and an override may run instead: it may say the call answers a query or only reads the
 * value, not that the call consumes it (then it escapes). */
static void pass_args(struct lower *L, const struct call *k, CXType ft, struct call_facts *facts) {
  const struct summary *sum = NULL;
  bool dispatched = k->have_fn && clang_CXXMethod_isVirtual(k->fn), system = false;
  if (k->have_fn && L->o->summaries && k->role_arg == -2) {
    CXCursor def = clang_getCursorDefinition(k->fn);
    system = !clang_Cursor_isNull(def) && clang_Location_isInSystemHeader(clang_getCursorLocation(def));
    if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, L->fn))
      sum = L->o->summaries->get(L->o->summaries->self, def);
    else if (clang_Cursor_isNull(def) && L->o->summaries->undefined)
      for (unsigned i = 0; i < k->nargs; i++)
        if ((int)i != k->role_arg &&
            (k->av[i].kind == VAL_VAR || k->av[i].kind == VAL_MOVED || k->av[i].kind == VAL_CREATE)) {
          L->o->summaries->undefined(L->o->summaries->self, k->fn);
          break;
        }
  }
  int nparams = k->have_fn ? clang_getNumArgTypes(ft) : -1;
  /* printf's variadic part gets a thread ID's value (pass_arg) */
  bool variadic = k->have_fn && ft.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ft);
  for (unsigned i = 0; i < k->nargs; i++) {
    struct val v = k->av[i];
    if ((int)i == k->role_arg)
      continue;
    CXType pt = (nparams >= 0 && (int)i < nparams) ? clang_getArgType(ft, i) : (CXType){CXType_Invalid, {0, 0}};
    /* A T&& whose body stores it, passes it on or rebinds it took it, as std::move said: the
     * default's transfer (a member `pending = std::move(f);`). */
    bool summed = sum && i < sum->nparams && !(pt.kind == CXType_RValueReference && system) &&
                  !(pt.kind == CXType_RValueReference && v.kind == VAL_MOVED && sum->role[i] == SUM_ESCAPE);
    if (summed && sum->role[i] != SUM_NONE && (v.kind == VAL_VAR || v.kind == VAL_MOVED || v.kind == VAL_CREATE)) {
      uint8_t role = sum->role[i];
      if (dispatched && (role == SUM_AWAIT || role == SUM_GET_RESULT || role == SUM_COMPLETES))
        role = SUM_ESCAPE;
      apply_summary(L, role, v, k->c, k->name, facts);
      continue;
    }
    if (summed && sum->role[i] == SUM_NONE && v.kind == VAL_VAR) {
      /* The body does nothing with it we can see: a vtask copied into it is still a use of the
       * value; a thread ID, or anything bound to a reference (a const one the body only asks
       * valid() of), is left as it was. */
      const struct vtype *vt = L->g->vars.v[v.var].type;
      if (pt.kind != CXType_LValueReference && !(vt && vt->plain_handle))
        emit(L, EV_USE, v.var, -1, k->c, k->name);
      continue;
    }
    pass_arg(L, v, pt, k, ft, variadic && (int)i >= nparams);
  }
}

/* call_result: the value the call yields: a created operation, one of unknown origin (a
 * reference returned), or nothing. */
static struct val call_result(struct lower *L, const struct call *k, CXType ft) {
  struct val result = NONE;
  if (k->ci && k->ci->role == ROLE_CREATE_COMPLETED) {
    result.kind = VAL_CREATE;
    result.completed = true;
    result.cur = k->c;
    result.name = k->name;
  } else if (val_is_vtask(L, k->c) ||
             (k->have_fn && model_is_vtask_type(L->o->model, clang_getResultType(ft)))) {
    /* the second: a dependent call (read_one<Executor>(fd)) has no type of its own yet; the
     * template it names says what it returns */
    /* through typedefs: std::vector::emplace_back returns `reference` */
    CXType rt = k->have_fn ? clang_getCanonicalType(clang_getResultType(ft)) : (CXType){CXType_Invalid, {0, 0}};
    if (rt.kind == CXType_LValueReference || rt.kind == CXType_RValueReference) {
      result.kind = VAL_UNKNOWN;
    } else {
      result.kind = VAL_CREATE;
      result.cur = k->c;
      result.name = k->name ? k->name : "";
    }
  }
  return result;
}

struct val lower_call(struct lower *L, CXCursor c, struct call_facts *facts) {
  struct call_facts ignored;
  if (!facts)
    facts = &ignored;
  *facts = (struct call_facts){-1, false, -1, false, {-1, -1, -1}, 0, false};
  struct call k;
  struct val r;
  call_shape(L, c, &k);
  if (lower_special_call(L, &k, &r))
    return r;
  lower_operands(L, &k);
  if (k.ci && k.ci->role == ROLE_MOVE) {
    if (k.nargs >= 1 && k.av[0].kind == VAL_VAR) {
      k.av[0].kind = VAL_MOVED;
      return k.av[0];
    }
    return k.nargs >= 1 ? k.av[0] : NONE;
  }
  k.role_arg = role_operand(L, &k);
  if (k.role_arg != -2 && apply_role(L, &k, facts, &r))
    return r;
  CXType ft = k.have_fn ? clang_getCursorType(k.fn) : (CXType){CXType_Invalid, {0, 0}};
  pass_args(L, &k, ft, facts);
  out_arguments(L, &k);
  if (k.have_object && k.role_arg != -1 && (k.ov.kind == VAL_VAR || k.ov.kind == VAL_MOVED) &&
      val_is_vtask(L, k.object)) {
    /* Another member of the vtask: a use (an rvalue-qualified one on a moved value consumes). */
    emit(L, k.ov.kind == VAL_MOVED ? EV_TRANSFER : EV_USE, k.ov.var, -1, c, k.name);
  }
  if (k.ci && k.ci->wait && (k.role_arg == -2 || k.ci->role != ROLE_WAIT))
    emit(L, EV_WAIT, -1, -1, c, k.name);
  r = call_result(L, &k, ft);
  /* A call we cannot see may change what a structure's or a global's handle is. */
  /* So may one that runs callbacks (uv_run) or waits for another thread (future::wait: what it
   * wrote before it finished is seen here). */
  if (!k.ci || k.ci->role == ROLE_NONE || k.ci->role == ROLE_CREATE || k.ci->role == ROLE_FINISH ||
      k.ci->role == ROLE_WAIT || (k.ci->wait && k.ci->role != ROLE_AWAIT))
    var_reset_paths(L, c);
  if (k.ci && k.ci->noreturn)
    jump(L, -1);
  return r;
}
