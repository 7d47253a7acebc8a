/* test_model.c: the model (analyzer/model/model.h): which types are vtasks, which hold them,
 * and what each callee is to the analysis. Two small translation units, one C and one C++,
 * are parsed in memory; each test looks declarations up by name. The snippets keep each
 * near miss next to the case it must not be confused with. */
#include <clang-c/Index.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/model/model.h"
#include "analyzer/support/arena.h"

static const char c_source[] =
    "#include <pthread.h>\n"
    "#include <stdlib.h>\n"
    "#include <uv.h>\n"
    "#include <vtask.h>\n"
    "typedef vtask_t handle_t;\n"
    "typedef handle_t handle2_t;            /* a typedef of a typedef */\n"
    "struct vtask_like { int x; };          /* a name like it, not it */\n"
    "struct holder {\n"
    "  vtask_t f_plain;\n"
    "  vtask_t f_array[4];\n"
    "  vtask_t *f_pointer;\n"
    "};\n"
    "vtask_t read_async(int fd);\n"
    "_Noreturn void die_c11(const char *why);\n"
    "__attribute__((noreturn)) void die_gnu(int code);\n"
    "void ordinary(void);\n"
    "bool is_completed(vtask_t t);          /* not the API: no prefix */\n"
    "void roles(void) {\n"
    "  vtask_t v_plain = read_async(0);\n"
    "  struct vtask v_struct = read_async(1);\n"
    "  const vtask_t v_const = read_async(2);\n"
    "  handle2_t v_typedef2 = read_async(3);\n"
    "  vtask_t *v_pointer = &v_plain;\n"
    "  task_t *v_task = vtask_as_task(v_struct);\n"
    "  struct vtask_like v_like = {0};\n"
    "  vtask_t v_array[4];\n"
    "  vtask_t v_completed = vtask_from_result(0);\n"
    "  (void)v_pointer; (void)v_task; (void)v_like; (void)v_array; (void)v_typedef2;\n"
    "  vtask_await(v_plain);\n"
    "  vtask_get_result(v_completed);\n"
    "  if (vtask_is_completed(v_const)) ordinary();\n"
    "  if (is_completed(v_const)) ordinary();\n"
    "  if (v_plain.token) abort();\n"
    "  if (v_plain.flags) exit(1);\n"
    "  if (v_plain.result) die_c11(\"x\");\n"
    "  die_gnu(2);\n"
    "}\n"
    "void *work(void *arg);\n"
    "void threads(uv_loop_t *loop) {\n"
    "  pthread_t th;\n"
    "  pthread_create(&th, NULL, work, NULL);\n"
    "  if (__builtin_expect(pthread_detach(th) != 0, 0)) pthread_join(th, NULL);\n"
    "  uv_tcp_t tcp;\n"
    "  uv_tcp_init(loop, &tcp);\n"
    "  uv_close((uv_handle_t *)&tcp, NULL);\n"
    "}\n";

static const char cxx_source[] =
    "#include <chrono>\n"
    "#include <coro/task.hpp>\n"
    "#include <coroutine>\n"
    "#include <future>\n"
    "#include <optional>\n"
    "#include <utility>\n"
    "#include <vector>\n"
    "#include <vtask.hpp>\n"
    "using V = vt::vtask<int>;\n"
    "typedef V V2;\n"
    "struct vtask_like {};\n"
    "namespace other { template <class T> class vtask {}; } // same name, another namespace\n"
    "struct getter { int get_result(); bool is_completed(); }; // same method names, not a vtask\n"
    "[[noreturn]] void boom();\n"
    "vt::vtask<int> read_async(int fd);\n"
    "struct holder {\n"
    "  vt::vtask<int> f_member;\n"
    "  std::optional<vt::vtask<int>> f_optional;\n"
    "  std::vector<vt::vtask<int>> f_vector;\n"
    "  std::vector<vt::vtask<int> *> f_vector_of_pointers;\n"
    "  std::vector<int> f_ints;\n"
    "};\n"
    "void roles() {\n"
    "  vt::vtask<int> v_int = read_async(0);\n"
    "  vt::vtask<void> v_void;\n"
    "  V v_alias = read_async(1);\n"
    "  V2 v_alias2 = read_async(2);\n"
    "  const vt::vtask<int> v_const = read_async(3);\n"
    "  vt::vtask<int> *v_pointer = &v_int;\n"
    "  vt::vtask<int> &v_ref = v_int;\n"
    "  vt::task<int> *v_task = nullptr;\n"
    "  vtask_like v_like;\n"
    "  other::vtask<int> v_other;\n"
    "  std::optional<vt::vtask<int>> v_optional;\n"
    "  std::vector<vt::vtask<int>> v_vector;\n"
    "  std::vector<vt::vtask<int> *> v_vector_of_pointers;\n"
    "  std::future<int> v_future;\n"
    "  getter v_getter;\n"
    "  (void)v_pointer; (void)v_ref; (void)v_task; (void)v_like; (void)v_other;\n"
    "  if (v_alias.is_completed()) v_alias.get_result();\n"
    "  v_getter.get_result();\n"
    "  v_getter.is_completed();\n"
    "  auto moved = std::move(v_alias2);\n"
    "  v_future.get();\n"
    "  if (v_const.is_faulted()) boom();\n"
    "}\n"
    "int job();\n"
    "std::future<int> submit(int (*f)());  // a pool's: dropping it does not block\n"
    "coro::task<int> make_task();\n"
    "void conventions(std::future<int> polled) {\n"
    "  std::async(std::launch::async, job);\n"
    "  submit(job);\n"
    "  (void)polled.wait_for(std::chrono::seconds(0));\n"
    "  (void)polled.wait_for(std::chrono::seconds(1));\n"
    "  auto t = make_task();\n"
    "  t.resume();\n"
    "}\n"
    "struct an_awaiter { vt::vtask<int> inner; bool await_ready(); void await_suspend(std::coroutine_handle<>); int await_resume(); };\n"
    "struct a_promise { vt::vtask<int> next; std::suspend_always initial_suspend(); };\n"
    "struct an_adapter { vt::vtask<int> inner; auto operator co_await(); };\n";

struct tus {
  CXIndex idx;
  CXTranslationUnit c, cxx;
  struct arena arena;
  struct model *model;
};

static CXTranslationUnit parse(CXIndex idx, const char *name, const char *text, const char *std) {
  const char *args[] = {std, "-I" VTL_TESTDATA "/include", "-resource-dir", VTL_RESOURCE_DIR};
  struct CXUnsavedFile file = {name, text, (unsigned long)strlen(text)};
  CXTranslationUnit tu = NULL;
  if (clang_parseTranslationUnit2(idx, name, args, 4, &file, 1, CXTranslationUnit_None, &tu) != CXError_Success)
    return NULL;
  /* The snippets must compile: a model answer about a broken type would prove nothing. */
  unsigned errors = 0;
  for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
      fprintf(stderr, "%s\n", clang_getCString(s));
      clang_disposeString(s);
      errors++;
    }
    clang_disposeDiagnostic(d);
  }
  if (errors) {
    clang_disposeTranslationUnit(tu);
    return NULL;
  }
  return tu;
}

static int setup(void **state) {
  static struct tus t;
  t.idx = clang_createIndex(0, 0);
  t.c = parse(t.idx, "model_snippet.c", c_source, "-std=c17");
  t.cxx = parse(t.idx, "model_snippet.cpp", cxx_source, "-std=c++20");
  if (!t.c || !t.cxx)
    return -1;
  arena_init(&t.arena);
  t.model = model_new(&t.arena, NULL);
  *state = &t;
  return 0;
}

static int teardown(void **state) {
  struct tus *t = *state;
  arena_release(&t->arena);
  clang_disposeTranslationUnit(t->c);
  clang_disposeTranslationUnit(t->cxx);
  clang_disposeIndex(t->idx);
  return 0;
}

/* ---- finding cursors ---- */

struct find {
  enum CXCursorKind kind;
  const char *name;
  CXCursor found;
};

static bool spelled(CXCursor c, const char *name) {
  CXString s = clang_getCursorSpelling(c);
  bool r = strcmp(clang_getCString(s), name) == 0;
  clang_disposeString(s);
  return r;
}

static enum CXChildVisitResult find_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct find *f = data;
  if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
    return CXChildVisit_Continue;
  if (clang_getCursorKind(c) == f->kind && spelled(c, f->name)) {
    f->found = c;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

/* find_in: the first cursor of `kind` spelled `name` below `parent`, outside system headers. */
static CXCursor find_in(CXCursor parent, enum CXCursorKind kind, const char *name) {
  struct find f = {kind, name, clang_getNullCursor()};
  clang_visitChildren(parent, find_visit, &f);
  if (clang_Cursor_isNull(f.found))
    fail_msg("no cursor named '%s'", name);
  return f.found;
}

static CXCursor find(CXTranslationUnit tu, enum CXCursorKind kind, const char *name) {
  return find_in(clang_getTranslationUnitCursor(tu), kind, name);
}

static CXType var_type(CXTranslationUnit tu, const char *name) {
  return clang_getCursorType(find(tu, CXCursor_VarDecl, name));
}

static CXType field_type(CXTranslationUnit tu, const char *name) {
  return clang_getCursorType(find(tu, CXCursor_FieldDecl, name));
}

/* callee: what model_callee says about the function called as `name(...)` in the body, found
 * the way the lowering finds it: the CallExpr's referenced declaration. */
static const struct callee_info *callee(struct tus *t, CXTranslationUnit tu, const char *name) {
  CXCursor call = find(tu, CXCursor_CallExpr, name);
  CXCursor decl = clang_getCursorReferenced(call);
  assert_false(clang_Cursor_isNull(decl));
  return model_callee(t->model, decl);
}

/* ---- model_is_vtask_type ---- */

static void c_vtask_types(void **state) {
  struct tus *t = *state;
  assert_true(model_is_vtask_type(t->model, var_type(t->c, "v_plain")));    /* vtask_t */
  assert_true(model_is_vtask_type(t->model, var_type(t->c, "v_struct")));   /* struct vtask */
  assert_true(model_is_vtask_type(t->model, var_type(t->c, "v_const")));    /* const vtask_t */
  assert_true(model_is_vtask_type(t->model, var_type(t->c, "v_typedef2"))); /* typedef of typedef */
  assert_true(model_is_vtask_type(t->model, field_type(t->c, "f_plain")));
}

static void c_not_vtask_types(void **state) {
  struct tus *t = *state;
  assert_false(model_is_vtask_type(t->model, var_type(t->c, "v_pointer"))); /* vtask_t *: a pointer */
  assert_false(model_is_vtask_type(t->model, var_type(t->c, "v_task")));    /* task_t *: multi-use */
  assert_false(model_is_vtask_type(t->model, var_type(t->c, "v_like")));    /* struct vtask_like */
  assert_false(model_is_vtask_type(t->model, var_type(t->c, "v_array")));   /* holds, is not */
  assert_false(model_is_vtask_type(t->model, field_type(t->c, "f_pointer")));
}

static void cxx_vtask_types(void **state) {
  struct tus *t = *state;
  assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_int")));    /* vt::vtask<int> */
  assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_void")));   /* the explicit specialisation */
  assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_alias")));  /* using V = vt::vtask<int> */
  assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_alias2"))); /* typedef of the alias */
  assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_const")));
  assert_true(model_is_vtask_type(t->model, field_type(t->cxx, "f_member")));
}

static void cxx_not_vtask_types(void **state) {
  struct tus *t = *state;
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_pointer")));
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_ref")));  /* references are not vtasks */
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_task"))); /* vt::task<int> *: multi-use */
  assert_false(model_is_vtask_type(t->model, clang_getPointeeType(var_type(t->cxx, "v_task")))); /* vt::task<int> */
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_like")));
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_other"))); /* other::vtask<int> */
  assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_optional"))); /* holds, is not */
}

/* std::future is tracked by the std-future profile, with fields allowed and no
 * "never consumed" check for locals. */
static void std_future_profile(void **state) {
  struct tus *t = *state;
  const struct vtype *vt = model_vtype(t->model, var_type(t->cxx, "v_future"));
  assert_non_null(vt);
  assert_string_equal(model_profile_name(vt->profile), "std-future");
  assert_true(vt->fields_allowed);
  assert_false(vt->discard_local);
  const struct vtype *vv = model_vtype(t->model, var_type(t->c, "v_plain"));
  assert_non_null(vv);
  assert_string_equal(model_profile_name(vv->profile), "vtask");
  assert_false(vv->fields_allowed);
}

/* ---- model_type_holds_vtask ---- */

static void holds_vtask(void **state) {
  struct tus *t = *state;
  assert_true(model_type_holds_vtask(t->model, var_type(t->c, "v_plain")));     /* a vtask holds itself */
  assert_true(model_type_holds_vtask(t->model, var_type(t->c, "v_array")));     /* vtask_t[4] */
  assert_true(model_type_holds_vtask(t->model, field_type(t->c, "f_array")));
  assert_true(model_type_holds_vtask(t->model, var_type(t->cxx, "v_optional"))); /* std::optional<vt::vtask<int>> */
  assert_true(model_type_holds_vtask(t->model, var_type(t->cxx, "v_vector")));   /* std::vector<vt::vtask<int>> */
  assert_true(model_type_holds_vtask(t->model, field_type(t->cxx, "f_optional")));
  assert_true(model_type_holds_vtask(t->model, field_type(t->cxx, "f_vector")));
}

static void does_not_hold_vtask(void **state) {
  struct tus *t = *state;
  assert_false(model_type_holds_vtask(t->model, var_type(t->c, "v_pointer")));
  assert_false(model_type_holds_vtask(t->model, field_type(t->c, "f_pointer")));
  assert_false(model_type_holds_vtask(t->model, var_type(t->c, "v_like")));
  assert_false(model_type_holds_vtask(t->model, var_type(t->cxx, "v_vector_of_pointers"))); /* vector<vtask<int>*> */
  assert_false(model_type_holds_vtask(t->model, field_type(t->cxx, "f_vector_of_pointers")));
  assert_false(model_type_holds_vtask(t->model, field_type(t->cxx, "f_ints")));
  assert_false(model_type_holds_vtask(t->model, var_type(t->cxx, "v_ref")));
}

/* The cache answers the same twice (the type cache is keyed by declaration). */
static void answers_are_stable(void **state) {
  struct tus *t = *state;
  for (int i = 0; i < 3; i++) {
    assert_true(model_is_vtask_type(t->model, var_type(t->cxx, "v_int")));
    assert_false(model_is_vtask_type(t->model, var_type(t->cxx, "v_other")));
  }
}

/* ---- model_callee: roles ---- */

static void c_api_roles(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->c, "vtask_await");
  assert_int_equal(ci->role, ROLE_AWAIT);
  assert_int_equal(ci->arg, 0);
  assert_string_equal(ci->name, "vtask_await");
  ci = callee(t, t->c, "vtask_get_result");
  assert_int_equal(ci->role, ROLE_GET_RESULT);
  assert_int_equal(ci->arg, 0);
  ci = callee(t, t->c, "vtask_is_completed");
  assert_int_equal(ci->role, ROLE_QUERY);
  assert_int_equal(ci->arg, 0);
  ci = callee(t, t->c, "vtask_from_result");
  assert_int_equal(ci->role, ROLE_CREATE_COMPLETED);
  ci = callee(t, t->c, "vtask_as_task");
  assert_int_equal(ci->role, ROLE_TRANSFER);
  assert_int_equal(ci->arg, 0);
}

/* Ordinary calls have no role, even when their name or type looks like one. */
static void c_no_role(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->c, "is_completed");
  assert_int_equal(ci->role, ROLE_NONE);
  assert_false(ci->noreturn);
  assert_false(ci->wait);
  ci = callee(t, t->c, "ordinary");
  assert_int_equal(ci->role, ROLE_NONE);
  assert_false(ci->noreturn);
  /* read_async returns a vtask: the lowering, not the table, makes that a creation. */
  ci = callee(t, t->c, "read_async");
  assert_int_equal(ci->role, ROLE_NONE);
  assert_false(ci->noreturn);
}

static void cxx_method_roles(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->cxx, "is_completed");
  assert_int_equal(ci->role, ROLE_QUERY);
  assert_int_equal(ci->arg, -1); /* on *this */
  ci = callee(t, t->cxx, "get_result");
  assert_int_equal(ci->role, ROLE_GET_RESULT);
  assert_int_equal(ci->arg, -1);
  ci = callee(t, t->cxx, "is_faulted");
  assert_int_equal(ci->role, ROLE_QUERY);
}

/* getter::get_result is not vt::vtask<T>::get_result. */
static void cxx_same_method_name_other_class(void **state) {
  struct tus *t = *state;
  CXCursor getter = find(t->cxx, CXCursor_StructDecl, "getter");
  assert_int_equal(model_callee(t->model, find_in(getter, CXCursor_CXXMethod, "get_result"))->role, ROLE_NONE);
  assert_int_equal(model_callee(t->model, find_in(getter, CXCursor_CXXMethod, "is_completed"))->role, ROLE_NONE);
}

static void cxx_std_move(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->cxx, "move");
  assert_int_equal(ci->role, ROLE_MOVE);
  assert_int_equal(ci->arg, 0);
  assert_false(ci->noreturn);
}

/* ---- model_callee: noreturn and waits ---- */

static void noreturn_functions(void **state) {
  struct tus *t = *state;
  assert_true(callee(t, t->c, "abort")->noreturn);
  assert_true(callee(t, t->c, "exit")->noreturn);
  assert_true(callee(t, t->c, "die_c11")->noreturn); /* _Noreturn */
  assert_true(callee(t, t->c, "die_gnu")->noreturn); /* __attribute__((noreturn)) */
  assert_true(callee(t, t->cxx, "boom")->noreturn);  /* [[noreturn]] */
  assert_false(callee(t, t->c, "ordinary")->noreturn);
  assert_false(callee(t, t->c, "vtask_await")->noreturn);
}

static void std_future_get_waits(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->cxx, "get");
  assert_true(ci->wait);
  assert_int_equal(ci->role, ROLE_WAIT); /* the std-future profile: get() blocks and consumes */
  assert_true(ci->consumes);
  assert_false(callee(t, t->cxx, "get_result")->wait); /* vt::vtask::get_result consumes, it does not block */
  assert_false(callee(t, t->c, "vtask_get_result")->wait);
}

/* model_callee caches per declaration: the same entry comes back. */
static void callee_is_cached(void **state) {
  struct tus *t = *state;
  assert_ptr_equal(callee(t, t->c, "vtask_await"), callee(t, t->c, "vtask_await"));
}

/* ---- the profile records ---- */

/* The configuration's names are the records' names, in table order; `custom` (annotated and
 * configured types) is a profile but not a name the configuration may use. */
static void profile_names(void **state) {
  (void)state;
  assert_string_equal(model_profile_config_name(0), "vtask");
  assert_string_equal(model_profile_config_name(1), "std-future");
  int n = 0;
  while (model_profile_config_name(n)) {
    const char *name = model_profile_config_name(n);
    assert_string_equal(model_profile_name(model_profile_index(name)), name);
    assert_string_not_equal(name, "custom");
    n++;
  }
  assert_int_equal(n, 10);
  assert_true(model_profile_index("custom") >= 0);
  assert_int_equal(model_profile_index("boost-asio"), -1);
  assert_string_equal(model_profile_name(-1), "?");
}

/* Messages speak the library's words; "vtask" only for the reference API. */
static void profile_words(void **state) {
  struct tus *t = *state;
  const struct vtype *th = model_vtype(t->model, var_type(t->c, "th"));
  assert_non_null(th);
  assert_string_equal(th->words->label, "thread");
  assert_string_equal(th->words->noun, "thread");
  const struct vtype *tcp = model_vtype(t->model, var_type(t->c, "tcp"));
  assert_non_null(tcp);
  assert_string_equal(tcp->words->label, "handle");
  const struct vtype *fut = model_vtype(t->model, var_type(t->cxx, "v_future"));
  assert_string_equal(fut->words->noun, "std::future");
  const struct vtype *vt = model_vtype(t->model, var_type(t->c, "v_plain"));
  assert_string_equal(vt->words->noun, "vtask");
  assert_null(vt->words->label); /* "'t' is awaited twice" */
}

/* pthread_join and pthread_detach consume with the library's verbs; a detach only releases:
 * the ID stays valid while the thread runs. uv_close closes. */
static void pthread_consumptions(void **state) {
  struct tus *t = *state;
  const struct callee_info *join = callee(t, t->c, "pthread_join");
  assert_int_equal(join->role, ROLE_AWAIT);
  assert_string_equal(join->verb, "joined");
  assert_false(join->releases);
  const struct callee_info *detach = callee(t, t->c, "pthread_detach");
  assert_int_equal(detach->role, ROLE_AWAIT);
  assert_string_equal(detach->verb, "detached");
  assert_true(detach->releases);
  const struct callee_info *create = callee(t, t->c, "pthread_create");
  assert_int_equal(create->role, ROLE_CREATE_OUT);
  assert_true(create->by_pointer);
  const struct callee_info *close = callee(t, t->c, "uv_close");
  assert_string_equal(close->verb, "closed");
  assert_true(close->by_pointer);
  assert_null(callee(t, t->c, "vtask_await")->verb); /* the rules' own word: "awaited" */
}

/* __builtin_expect(c, 0) is as true as c: the model says which argument is the condition. */
static void condition_argument(void **state) {
  struct tus *t = *state;
  const struct callee_info *ci = callee(t, t->c, "__builtin_expect");
  assert_int_equal(ci->condition_arg, 0);
  assert_int_equal(ci->role, ROLE_NONE);
  assert_int_equal(callee(t, t->c, "ordinary")->condition_arg, -1);
}

/* the n-th call expression named `name` below `parent` (0-based) */
struct nth {
  const char *name;
  int n;
  CXCursor found;
};

static enum CXChildVisitResult nth_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct nth *f = data;
  if (clang_getCursorKind(c) == CXCursor_CallExpr && spelled(c, f->name) && f->n-- == 0) {
    f->found = c;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

static CXCursor nth_call(CXTranslationUnit tu, const char *fn, const char *name, int n) {
  struct nth f = {name, n, clang_getNullCursor()};
  clang_visitChildren(find(tu, CXCursor_FunctionDecl, fn), nth_visit, &f);
  if (clang_Cursor_isNull(f.found))
    fail_msg("no call %d of '%s'", n, name);
  return f.found;
}

/* the argument expressions of a member call (the children after the callee) */
struct args {
  CXCursor v[4];
  unsigned n;
};

static enum CXChildVisitResult arg_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct args *a = data;
  if (clang_getCursorKind(c) != CXCursor_MemberRefExpr && a->n < 4)
    a->v[a->n++] = c;
  return CXChildVisit_Continue;
}

/* f.wait_for(0s) only polls: a use, not a blocking wait; a real timeout still blocks. */
static void zero_timeout_polls(void **state) {
  struct tus *t = *state;
  const struct vtype *fut = model_vtype(t->model, var_type(t->cxx, "v_future"));
  for (int i = 0; i < 2; i++) {
    CXCursor call = nth_call(t->cxx, "conventions", "wait_for", i);
    const struct callee_info *ci = model_method(t->model, fut, clang_getCursorReferenced(call));
    assert_int_equal(ci->role, ROLE_WAIT);
    assert_int_equal(ci->poll_if_zero_arg, 0);
    struct args a = {{{0}}, 0};
    clang_visitChildren(call, arg_visit, &a);
    assert_int_equal(a.n, 1);
    const struct callee_info *with = model_call_args(t->model, ci, a.v, a.n);
    if (i == 0) {
      assert_int_equal(with->role, ROLE_USE);
      assert_false(with->wait);
    } else {
      assert_ptr_equal(with, ci);
    }
  }
}

/* A dropped std::future matters only when its destructor blocks (std::async's). */
static void dropped_futures(void **state) {
  struct tus *t = *state;
  const char *why = NULL, *name = NULL;
  CXCursor async = nth_call(t->cxx, "conventions", "async", 0);
  const struct vtype *fut = model_vtype(t->model, clang_getCursorType(async));
  assert_non_null(fut);
  assert_true(model_dropped(t->model, async, fut, &why, &name));
  assert_string_equal(name, "std::async");
  assert_non_null(strstr(why, "synchronously"));
  CXCursor submit = nth_call(t->cxx, "conventions", "submit", 0);
  assert_false(model_dropped(t->model, submit, fut, &why, &name));
  /* a vtask dropped is always a bug, with the reference API's reason */
  CXCursor read = nth_call(t->cxx, "roles", "read_async", 0);
  const struct vtype *vt = model_vtype(t->model, clang_getCursorType(read));
  assert_true(model_dropped(t->model, read, vt, &why, &name));
  assert_ptr_equal(why, vt->words->dropped);
}

/* libcoro's t.resume() runs the task by hand. */
static void libcoro_resume_runs(void **state) {
  struct tus *t = *state;
  const struct vtype *task = model_vtype(t->model, var_type(t->cxx, "t"));
  assert_non_null(task);
  CXCursor call = nth_call(t->cxx, "conventions", "resume", 0);
  assert_int_equal(model_method(t->model, task, clang_getCursorReferenced(call))->role, ROLE_RUN);
}

/* Awaiters, promise types and operator co_await adapters carry awaitables; other classes do
 * not, whatever their members are called. */
static void awaitable_carriers(void **state) {
  struct tus *t = *state;
  assert_true(model_carries_awaitables(t->model, find(t->cxx, CXCursor_StructDecl, "an_awaiter")));
  assert_true(model_carries_awaitables(t->model, find(t->cxx, CXCursor_StructDecl, "a_promise")));
  assert_true(model_carries_awaitables(t->model, find(t->cxx, CXCursor_StructDecl, "an_adapter")));
  assert_false(model_carries_awaitables(t->model, find(t->cxx, CXCursor_StructDecl, "holder")));
  assert_false(model_carries_awaitables(t->model, find(t->cxx, CXCursor_StructDecl, "getter")));
  assert_false(model_carries_awaitables(t->model, find(t->cxx, CXCursor_FunctionDecl, "roles")));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(c_vtask_types),
      cmocka_unit_test(c_not_vtask_types),
      cmocka_unit_test(cxx_vtask_types),
      cmocka_unit_test(cxx_not_vtask_types),
      cmocka_unit_test(std_future_profile),
      cmocka_unit_test(profile_names),
      cmocka_unit_test(profile_words),
      cmocka_unit_test(holds_vtask),
      cmocka_unit_test(does_not_hold_vtask),
      cmocka_unit_test(answers_are_stable),
      cmocka_unit_test(c_api_roles),
      cmocka_unit_test(c_no_role),
      cmocka_unit_test(cxx_method_roles),
      cmocka_unit_test(cxx_same_method_name_other_class),
      cmocka_unit_test(cxx_std_move),
      cmocka_unit_test(noreturn_functions),
      cmocka_unit_test(std_future_get_waits),
      cmocka_unit_test(callee_is_cached),
      cmocka_unit_test(pthread_consumptions),
      cmocka_unit_test(condition_argument),
      cmocka_unit_test(zero_timeout_polls),
      cmocka_unit_test(dropped_futures),
      cmocka_unit_test(libcoro_resume_runs),
      cmocka_unit_test(awaitable_carriers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
