"""A boolean command-line build setting, without bazel_skylib (which this repository does not fetch)."""

BoolSettingInfo = provider(
    doc = "The value of a bool_setting.",
    fields = {"value": "bool"},
)

def _bool_setting_impl(ctx):
    return [BoolSettingInfo(value = ctx.build_setting_value)]

bool_setting = rule(
    implementation = _bool_setting_impl,
    build_setting = config.bool(flag = True),
    doc = "A flag set on the command line as --@repo//pkg:name (or --@repo//pkg:name=false).",
)
