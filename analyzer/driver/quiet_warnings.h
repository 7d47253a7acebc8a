/* quiet_warnings.h: a unit's compile command, parsed without the warnings vtasklint never
 * shows.
 *
 * vtasklint reports clang's errors and its own findings, never clang's warnings. Yet a
 * command's -Wall, -Wextra and -pedantic make clang look for hundreds of warnings in every
 * unit, and one of them costs more than all the others: -Wuninitialized (in -Wall) runs a
 * data-flow analysis over the control-flow graph of every function body. Measured with
 * bench/icount.sh on the parse floor, lua 5.4's 34 units parse in 9% fewer instructions
 * without them, redis 7.0's 140 in 5% fewer: more than everything vtasklint adds to a C
 * unit's parse.
 *
 * A warning matters only where it can become an error, and none of these can unless the
 * command says so: a bare -Werror (or -Werror-implicit-function-declaration, gcc's old
 * spelling), -pedantic-errors, or -Werror=GROUP. With none of the first two, the umbrella
 * options (-Wall, -Wextra, -W, -Wmost, -Weverything, -pedantic, --pedantic, -Wpedantic) are
 * left out, and -Wno-uninitialized is added unless a -Werror=GROUP names a group holding
 * those warnings. Nothing else changes:
 *  - An option that enables a warning maps it to "warning" and never demotes an error: clang
 *    does not let a warning mapping override an error one. So what -Werror=X, a default
 *    error (an implicit function declaration in C99) or a -Wno-X made an error or silenced
 *    stays as it was. Every -Wno-* and -Werror=* stays, and every other -W option (-Wwrite-
 *    strings changes the type of a C string literal; -Wsystem-headers shows a -Werror=X error
 *    in a system header; -Wfatal-errors stops at the first error).
 *  - A source's `#pragma clang diagnostic error "-Wuninitialized"` (or warning, or a group)
 *    maps its diagnostics at its place, over the command line, and the analysis asks at each
 *    function whether they are enabled there: the error comes out as before.
 *  - These options define no macro and change no declaration (checked against clang -dM -E
 *    and the AST of real units, C and C++).
 * The language server and the CLI both parse through unit_parse, so both save the time. */
#ifndef VTL_DRIVER_QUIET_WARNINGS_H
#define VTL_DRIVER_QUIET_WARNINGS_H

/* quiet_warnings: args[0..nargs) as they are to be parsed, into out (room for nargs
 * pointers; the strings are args's). Returns how many. *no_uninit: whether
 * -Wno-uninitialized is to follow (the caller adds it after every argument of the command). */
int quiet_warnings(const char *const *args, int nargs, const char **out, int *no_uninit);

#endif
