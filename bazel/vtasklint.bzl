"""vtasklint_aspect: vtasklint on every source of cc_library, cc_binary and cc_test targets, one
Bazel action per source, so that Bazel caches each file's findings like an object file and a
remote executor can run them (docs/integration.md, "Bazel").

    bazel build //... --aspects=@vtasklint//:vtasklint.bzl%vtasklint_aspect \\
        --output_groups=vtasklint

Each source gets two outputs beside its target's, bazel-bin/PKG/_vtasklint/TARGET/SOURCE.txt
(compiler-style findings) and .sarif (SARIF 2.1.0), SOURCE being the source's path in the
workspace (net/conn.c of //net:net: bazel-bin/net/_vtasklint/net/net/conn.c.txt), in the
output group "vtasklint" (the
groups "vtasklint_text" and "vtasklint_sarif" hold one format each). The aspect follows "deps", so
building a binary with it also checks the libraries it uses; targets of external repositories
are not checked.

Each action sees what the compile of that source sees: the compilation context of the target
(include, quote and system include directories, defines, local defines, headers), the copts of
the rule and of the command line (--copt, --cxxopt, --conlyopt), and the flags the C++ toolchain
gives a compile (its feature configuration), as clang-tidy aspects do. Its other inputs are the
vtasklint binary (--@vtasklint//:binary) and the nearest .vtasklint.yaml above the source among
those --@vtasklint//:config lists (else an empty configuration): a configuration file is an
input of exactly the sources it governs.

Every header of the compilation context is declared, but each action reports the ones its source
did not include (unused_inputs_list), so editing a header re-runs only the sources that include
it. With --@vtasklint//:fail_on_findings an action with findings fails the build.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "CPP_COMPILE_ACTION_NAME", "C_COMPILE_ACTION_NAME")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")
load(":settings.bzl", "BoolSettingInfo")

VtasklintInfo = provider(
    doc = "The findings files of a target and of the targets it depends on.",
    fields = {
        "text": "depset of the compiler-style findings files, one per source",
        "sarif": "depset of the SARIF files, one per source",
    },
)

_RULES = ["cc_library", "cc_binary", "cc_test"]
_C_EXTENSIONS = ["c"]
_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C", "cp", "CPP"]
_CONFIG_NAME = ".vtasklint.yaml"

def _sources(ctx):
    """The C and C++ files among the rule's srcs (headers are analysed through their includers)."""
    out = []
    for target in getattr(ctx.rule.attr, "srcs", []):
        for f in target.files.to_list():
            if f.extension in _C_EXTENSIONS or f.extension in _CXX_EXTENSIONS:
                out.append(f)
    return out

def _source_dir(f):
    """The directory of f in the source tree (a generated file counts as in its package)."""
    return f.short_path.rpartition("/")[0]

def _nearest_config(configs, src, empty):
    """The configuration file vtasklint would find for src outside Bazel: the nearest above it."""
    d = _source_dir(src)
    best = None
    best_len = -1
    for c in configs:
        cd = _source_dir(c)
        if (cd == "" or d == cd or d.startswith(cd + "/")) and len(cd) > best_len:
            best = c
            best_len = len(cd)
    return best if best else empty

def _user_flags(ctx, is_c):
    """--copt and --conlyopt/--cxxopt, then the rule's copts, each split as Bazel splits them."""
    cpp = ctx.fragments.cpp
    flags = list(cpp.copts) + list(cpp.conlyopts if is_c else cpp.cxxopts)
    for opt in getattr(ctx.rule.attr, "copts", []):
        flags.extend(ctx.tokenize(opt))
    return flags

def _compile_flags(ctx, cc_toolchain, features, compilation_context, is_c):
    """The compile command line of the toolchain for one language, without source and output."""
    defines = [compilation_context.defines]
    if hasattr(compilation_context, "local_defines"):
        defines.append(compilation_context.local_defines)
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = _user_flags(ctx, is_c),
        include_directories = compilation_context.includes,
        quote_include_directories = compilation_context.quote_includes,
        system_include_directories = compilation_context.system_includes,
        framework_include_directories = compilation_context.framework_includes,
        preprocessor_defines = depset(transitive = defines),
    )
    return cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = C_COMPILE_ACTION_NAME if is_c else CPP_COMPILE_ACTION_NAME,
        variables = variables,
    )

def _binary(target):
    """The executable of --@vtasklint//:binary, whether it names a file or a binary rule."""
    run = target[DefaultInfo].files_to_run
    if run and run.executable:
        return run.executable, run
    files = target.files.to_list()
    if len(files) != 1:
        fail("--@vtasklint//:binary must name one file or one binary, not %s" % target.label)
    return files[0], files[0]

def _vtasklint_aspect_impl(target, ctx):
    deps = [d[VtasklintInfo] for d in getattr(ctx.rule.attr, "deps", []) if VtasklintInfo in d]
    text = []
    sarif = []
    if ctx.rule.kind in _RULES and CcInfo in target and not ctx.label.workspace_root:
        sources = _sources(ctx)
        if sources:
            text, sarif = _check_sources(target, ctx, sources)
    text_set = depset(text, transitive = [d.text for d in deps])
    sarif_set = depset(sarif, transitive = [d.sarif for d in deps])
    return [
        VtasklintInfo(text = text_set, sarif = sarif_set),
        OutputGroupInfo(
            vtasklint = depset(transitive = [text_set, sarif_set]),
            vtasklint_text = text_set,
            vtasklint_sarif = sarif_set,
        ),
    ]

def _check_sources(target, ctx, sources):
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    compilation_context = target[CcInfo].compilation_context
    vtasklint, vtasklint_tool = _binary(ctx.attr._binary)
    configs = [f for f in ctx.attr._config.files.to_list() if f.basename == _CONFIG_NAME]
    fail_on_findings = ctx.attr._fail_on_findings[BoolSettingInfo].value
    prefix = "_vtasklint/%s/" % ctx.label.name

    # Every header of the compilation context, one exec path a line: each action reports the
    # ones its source did not include.
    headers = ctx.actions.declare_file(prefix + "headers.txt")
    header_paths = ctx.actions.args()
    header_paths.set_param_file_format("multiline")
    header_paths.add_all(compilation_context.headers)
    ctx.actions.write(headers, header_paths)

    flags = {}
    text = []
    sarif = []
    for src in sources:
        is_c = src.extension in _C_EXTENSIONS
        if is_c not in flags:
            flags[is_c] = _compile_flags(ctx, cc_toolchain, features, compilation_context, is_c)
        out = prefix + src.short_path
        text_out = ctx.actions.declare_file(out + ".txt")
        sarif_out = ctx.actions.declare_file(out + ".sarif")
        unused = ctx.actions.declare_file(out + ".unused")
        config = _nearest_config(configs, src, ctx.file._empty_config)
        args = ctx.actions.args()
        args.add(vtasklint)
        args.add_all([text_out, sarif_out, unused, headers])
        args.add("1" if fail_on_findings else "0")
        args.add_all([config, src])
        args.add("--")
        args.add_all(flags[is_c])
        ctx.actions.run(
            executable = ctx.file._runner,
            arguments = [args],
            inputs = depset(
                [src, config, headers],
                transitive = [compilation_context.headers, cc_toolchain.all_files],
            ),
            tools = [vtasklint_tool],
            outputs = [text_out, sarif_out, unused],
            unused_inputs_list = unused,
            mnemonic = "Vtasklint",
            progress_message = "vtasklint %s" % src.short_path,
        )
        text.append(text_out)
        sarif.append(sarif_out)
    return text, sarif

vtasklint_aspect = aspect(
    implementation = _vtasklint_aspect_impl,
    attr_aspects = ["deps"],
    fragments = ["cpp"],
    attrs = {
        "_binary": attr.label(default = Label("//:binary"), cfg = "exec", allow_files = True),
        "_config": attr.label(default = Label("//:config"), allow_files = True),
        "_fail_on_findings": attr.label(default = Label("//:fail_on_findings")),
        "_empty_config": attr.label(default = Label("//:empty.vtasklint.yaml"), allow_single_file = True),
        "_runner": attr.label(default = Label("//:run_vtasklint.sh"), allow_single_file = True),
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    doc = "Runs vtasklint on each C/C++ source of cc_library, cc_binary and cc_test targets.",
)
