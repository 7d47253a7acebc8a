#!/bin/sh
# inherit_config.sh: InheritParentConfig in .vtasklint.yaml and --dump-config printing every key
# in effect as loadable YAML (issue 14, item 10).
# Usage: sh inherit_config.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
R="$T/root"
mkdir -p "$R/sub/deep"
cat >"$R/.vtasklint.yaml" <<'EOF'
Checks: '-*,vtask-double-await,vtask-discarded'
HeaderFilter: 'inc/'
Profiles:
  std-future: off
Assertions:
  Fatal: [PARENT_REQUIRE]
EOF
cat >"$R/sub/.vtasklint.yaml" <<'EOF'
InheritParentConfig: true
Checks: '-vtask-discarded'
Profiles:
  std-future: { double-await: after-move }
Assertions:
  Fatal: [CHILD_REQUIRE]
EOF
{
  printf '#include <vtask.h>\nvtask_t read_async(int fd);\n'
  printf 'void twice(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n'
  printf 'void drop(int fd) {\n  read_async(fd);\n}\n'
} >"$R/sub/deep/u.c"
cp "$R/sub/deep/u.c" "$R/u.c"

last="vtasklint sub/deep/u.c (sub inherits root)"
run --no-cache "$R/sub/deep/u.c" -- "$INC"
check "the parent's selection applies" out_has 'u\.c:6:3: warning: .*\[vtask-double-await\]'
check "the child's -vtask-discarded on top" out_lacks 'vtask-discarded'
last="vtasklint u.c (root alone)"
run --no-cache "$R/u.c" -- "$INC"
check "root: discarded on" out_has 'u\.c:9:3: warning: .*\[vtask-discarded\]'

last="vtasklint --dump-config sub/deep/u.c"
run --dump-config "$R/sub/deep/u.c"
check "dump: joined Checks" out_has "^Checks: '-\\*,vtask-double-await,vtask-discarded,-vtask-discarded'\$"
check "dump: the parent's HeaderFilter" out_has "^HeaderFilter: 'inc/'\$"
check "dump: the profile merged field by field" out_has '^  std-future: \{ enabled: off, double-await: after-move \}$'
check "dump: every other profile, on" out_has '^  cppcoro: on$'
check "dump: assertions, the parent's first" out_has "^  Fatal: \\['PARENT_REQUIRE', 'CHILD_REQUIRE'\\]\$"
check "dump: every key" out_has '^WarningsAsErrors: ' && check "dump: InheritParentConfig" out_has '^InheritParentConfig: false$'
check "dump: Awaitables" out_has '^Awaitables: \[\]$'
check "dump: FatalFalse" out_has '^  FatalFalse: \[\]$'
grep -v '^#' "$T/out" >"$T/dump1.yaml"
last="vtasklint --config dump1.yaml --dump-config (loads back)"
run --config "$T/dump1.yaml" --dump-config "$R/u.c"
grep -v '^#' "$T/out" >"$T/dump2.yaml"
check "the dump loads back to itself" cmp -s "$T/dump1.yaml" "$T/dump2.yaml"
last="vtasklint --config dump1.yaml sub/deep/u.c (the same findings)"
run --no-cache --config "$T/dump1.yaml" "$R/sub/deep/u.c" -- "$INC"
check "the dump gives the same findings" out_has 'u\.c:6:3: warning: .*\[vtask-double-await\]'
check "... and not the switched-off rule" out_lacks 'vtask-discarded'

last="vtasklint --dump-config (no configuration: every default)"
mkdir -p "$T/none"
run_in "$T/none" --dump-config
check "defaults: Checks" out_has "^Checks: '\\*'\$"
check "defaults: HeaderFilter" out_has "^HeaderFilter: ''\$"
check "defaults: Profiles" out_has '^  vtask: on$'

printf 'Checks: [oops\n' >"$R/.vtasklint.yaml"
last="vtasklint sub/deep/u.c (the parent is malformed)"
run --no-cache "$R/sub/deep/u.c" -- "$INC"
check "a malformed parent fails the child's units" err_has "^$R/\\.vtasklint\\.yaml:[0-9]+:[0-9]+: error: "
check "exit 2" status_is 2

printf 'InheritParentConfig: maybe\n' >"$R/sub/.vtasklint.yaml"
last="InheritParentConfig: maybe"
run --no-cache "$R/sub/deep/u.c" -- "$INC"
check "a non-boolean is an error" err_has "'InheritParentConfig' must be one of on, off, true, false, yes, no"

finish
