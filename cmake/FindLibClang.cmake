# Locates libclang: the newest installed LLVM through its ClangConfig.cmake, falling back to
# llvm-config. Sets LIBCLANG_INCLUDE_DIR, LIBCLANG_LIBRARY, LIBCLANG_LIBDIR,
# LIBCLANG_VERSION_MAJOR and LIBCLANG_RESOURCE_DIR (the builtin headers of the same version,
# which libclang needs to find <stddef.h> when run with -working-directory; see
# shared/reference/libclang.md section 7). Override with -DLLVM_MAJOR=NN or
# -DLIBCLANG_RESOURCE_DIR=DIR.

set(LLVM_MAJOR "" CACHE STRING "LLVM major version to build against (default: newest found)")
set(_vtl_majors 22 21 20 19 18 17 16 15 14 13)
if(LLVM_MAJOR)
  set(_vtl_majors ${LLVM_MAJOR})
endif()

foreach(_m IN LISTS _vtl_majors)
  if(EXISTS "/usr/lib/llvm-${_m}/include/clang-c/Index.h")
    find_library(LIBCLANG_LIBRARY NAMES clang libclang HINTS "/usr/lib/llvm-${_m}/lib" NO_DEFAULT_PATH)
    if(LIBCLANG_LIBRARY)
      set(LIBCLANG_INCLUDE_DIR "/usr/lib/llvm-${_m}/include" CACHE PATH "libclang headers")
      set(LIBCLANG_LIBDIR "/usr/lib/llvm-${_m}/lib")
      set(LIBCLANG_VERSION_MAJOR ${_m})
      break()
    endif()
  endif()
endforeach()

if(NOT LIBCLANG_LIBRARY)
  # Not a Debian layout: ask llvm-config (versioned names first, the unversioned one may be older).
  set(_names)
  foreach(_m IN LISTS _vtl_majors)
    list(APPEND _names llvm-config-${_m})
  endforeach()
  find_program(LLVM_CONFIG NAMES ${_names} llvm-config)
  if(NOT LLVM_CONFIG)
    message(FATAL_ERROR "libclang not found: install libclang-19-dev (Debian) or set LLVM_MAJOR")
  endif()
  execute_process(COMMAND ${LLVM_CONFIG} --includedir OUTPUT_VARIABLE _inc OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${LLVM_CONFIG} --libdir OUTPUT_VARIABLE _lib OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${LLVM_CONFIG} --version OUTPUT_VARIABLE _ver OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX MATCH "^[0-9]+" LIBCLANG_VERSION_MAJOR "${_ver}")
  find_library(LIBCLANG_LIBRARY NAMES clang libclang HINTS ${_lib} NO_DEFAULT_PATH REQUIRED)
  set(LIBCLANG_INCLUDE_DIR "${_inc}" CACHE PATH "libclang headers")
  set(LIBCLANG_LIBDIR "${_lib}")
endif()

if(NOT LIBCLANG_RESOURCE_DIR)
  # >= 16 names the directory by major version, <= 15 by full version: take whichever exists.
  file(GLOB _res LIST_DIRECTORIES true "${LIBCLANG_LIBDIR}/clang/*")
  list(SORT _res COMPARE NATURAL ORDER DESCENDING)
  foreach(_d IN LISTS _res)
    if(EXISTS "${_d}/include/stddef.h")
      set(LIBCLANG_RESOURCE_DIR "${_d}")
      break()
    endif()
  endforeach()
endif()
if(NOT LIBCLANG_RESOURCE_DIR)
  message(FATAL_ERROR "clang resource directory (builtin headers) not found under ${LIBCLANG_LIBDIR}/clang: "
                      "install libclang-common-${LIBCLANG_VERSION_MAJOR}-dev or set LIBCLANG_RESOURCE_DIR")
endif()
set(LIBCLANG_RESOURCE_DIR "${LIBCLANG_RESOURCE_DIR}" CACHE PATH "clang resource directory")
message(STATUS "libclang ${LIBCLANG_VERSION_MAJOR}: ${LIBCLANG_LIBRARY}; resource dir ${LIBCLANG_RESOURCE_DIR}")
