#!/bin/sh
# quiet_warnings.sh: a unit is parsed without the warnings nothing shows (-Wall, -Wextra,
# -pedantic left out, -Wno-uninitialized added: analyzer/driver/quiet_warnings.h), and every
# error clang gives with the unit's own command is still reported: a warning the command or a
# pragma makes an error, a default error, an option that changes more than warnings.
# Usage: sh quiet_warnings.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P"

# unit NAME 'ARGS' TEXT: a unit of its own database, analysed; its output in $T/out.
unit() {
  name=$1 args=$2
  printf '%s\n' "$3" >"$P/$name.c"
  # ARGS is a list of words without quotes or spaces inside one
  json=$(printf '%s\n' $args | sed 's/.*/"&", /' | tr -d '\n')
  printf '[{"directory": "%s", "file": "%s.c", "arguments": ["cc", %s"-c", "%s.c"]}]\n' \
    "$P" "$name" "$json" "$name" >"$P/compile_commands.json"
  last="vtasklint -p proj ($name.c: cc $args)"
  run --no-cache -p "$P"
}

UNINIT='int g(void) { int y; return y; }'
SOMETIMES='int f(int c) { int x; if (c) x = 1; return x; }'

for args in "-Wall -Werror=uninitialized" "-Wall -Werror" "-Wextra -Werror=all" "-W -Werror=most" \
  "-pedantic -Wall -Werror=uninitialized -Wno-error=unused"; do
  unit u "$args" "$UNINIT"
  check "-Wuninitialized made an error by '$args' is reported" \
    out_has 'u\.c:1:29: error: variable .y. is uninitialized when used here \[clang-diagnostic-error\]'
  check "exit 1 ($args)" status_is 1
done

unit s "-Wextra -Werror=sometimes-uninitialized" "$SOMETIMES"
check "-Werror=sometimes-uninitialized (a group inside -Wuninitialized)" \
  out_has 's\.c:1:27: error: variable .x. is used uninitialized whenever .if. condition is false \[clang-diagnostic-error\]'

unit p "-Wall" '#pragma clang diagnostic error "-Wuninitialized"
'"$UNINIT"
check "a pragma's error over -Wno-uninitialized" \
  out_has 'p\.c:2:29: error: variable .y. is uninitialized when used here \[clang-diagnostic-error\]'

unit w "-Wall -Wextra -pedantic" "$UNINIT"
check "only warnings: nothing reported" out_empty
check "exit 0" status_is 0

unit e "-std=c11 -pedantic-errors" 'int a[0];'
check "-pedantic-errors keeps -pedantic's warnings as errors" \
  out_has 'e\.c:1:7: error: zero size arrays are an extension \[clang-diagnostic-error\]'

unit i "-std=c11 -Wall -Wextra" 'int main(void) { return undeclared_fn(); }'
check "a default error stays with -Wall left out" \
  out_has 'i\.c:1:25: error: call to undeclared function .undeclared_fn.; ISO C99 and later do not support implicit function declarations \[clang-diagnostic-error\]'

unit n "-std=c11 -Wall -Wno-implicit-function-declaration" 'int main(void) { return undeclared_fn(); }'
check "a default error silenced by -Wno-X stays silent" out_empty

unit c "-std=c11 -Wall -Wwrite-strings" '_Static_assert(_Generic("x", char *: 1, default: 0), "a literal is char[]");'
check "-Wwrite-strings stays (a C string literal becomes const)" \
  out_has 'c\.c:1:16: error: static assertion failed: a literal is char\[\] \[clang-diagnostic-error\]'

printf 'int from_the_include = ;\n' >"$P/-pedantic"
unit v "-std=c11 -include -pedantic" 'int x;'
check "a value that looks like an option is left alone (-include -pedantic)" \
  out_has 'proj/-pedantic:1:24: error: expected expression \[clang-diagnostic-error\]'

finish
