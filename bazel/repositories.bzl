"""vtasklint_binary: a repository holding the machine's installed vtasklint, the default of
--@vtasklint//:binary. In the WORKSPACE:

    load("@vtasklint//:repositories.bzl", "vtasklint_binary")
    vtasklint_binary(name = "vtasklint_bin")                      # vtasklint from PATH
    vtasklint_binary(name = "vtasklint_bin", path = "/opt/vtasklint/bin/vtasklint")

The environment variable VTASKLINT (e.g. --repo_env=VTASKLINT=/path/to/vtasklint) wins over
both. The binary is linked into the repository, so its contents are part of every action's key:
a remote cache never serves findings of one vtasklint to another. It still needs libclang-19 and
clang's builtin headers where the actions run (docs/integration.md, "Remote execution").
"""

def _vtasklint_binary_impl(rctx):
    path = rctx.os.environ.get("VTASKLINT", "") or rctx.attr.path
    if path:
        binary = rctx.path(path)
        if not binary.exists:
            fail("vtasklint_binary: '%s' does not exist" % path)
    else:
        binary = rctx.which("vtasklint")
        if not binary:
            fail("vtasklint_binary: no vtasklint on PATH; install it, or set path = ..., " +
                 "or --repo_env=VTASKLINT=/path/to/vtasklint")
    rctx.symlink(binary, "vtasklint")
    rctx.file("BUILD", 'exports_files(["vtasklint"], visibility = ["//visibility:public"])\n')

vtasklint_binary = repository_rule(
    implementation = _vtasklint_binary_impl,
    attrs = {"path": attr.string(doc = "absolute path of the vtasklint binary (default: from PATH)")},
    environ = ["VTASKLINT", "PATH"],
    local = True,
    doc = "Links an installed vtasklint into a repository whose //:vtasklint is the binary.",
)
