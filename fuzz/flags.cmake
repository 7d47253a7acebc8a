# fuzz/flags.cmake: included by the top-level CMakeLists.txt when VTL_FUZZ is on, before any
# target exists. The fuzz build needs clang with libFuzzer (Debian: clang-19 and
# libclang-rt-19-dev); without it, VTL_FUZZ is turned off with one message and the normal
# build goes on.
include(CheckCSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer,address,undefined")
check_c_source_compiles("
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
" VTL_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(NOT VTL_HAVE_LIBFUZZER)
  message(STATUS "fuzz: ${CMAKE_C_COMPILER} has no libFuzzer (-fsanitize=fuzzer); skipping the fuzz targets "
                 "(use CC=clang-19 with libclang-rt-19-dev installed)")
  set(VTL_FUZZ OFF)
else()
  # Everything the targets link (the core included) is instrumented for coverage and checked by
  # the sanitizers; the targets themselves link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -g)
  add_link_options(-fsanitize=address,undefined)
endif()
