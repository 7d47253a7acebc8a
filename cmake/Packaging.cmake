# Installation and the Debian package (docs/integration.md, "Packages").
#
# The installed binary is relocatable: it holds no build-time directory. clang's resource
# directory is found at run time beside the libclang that runs (analyzer/driver/resdir.h), and on
# Debian's layout libclang-NN.so.NN is in the loader's own path, so no RUNPATH is set. A
# libclang elsewhere (an LLVM under /opt, say) gets its directory as RUNPATH unless
# VTL_INSTALL_RPATH says otherwise ('$ORIGIN/../lib' for a libclang shipped beside vtasklint).
include(GNUInstallDirs)

if(LIBCLANG_LIBDIR MATCHES "^/usr/lib/llvm-[0-9]+/lib$")
  set(_vtl_rpath "")
else()
  set(_vtl_rpath "${LIBCLANG_LIBDIR}")
endif()
set(VTL_INSTALL_RPATH "${_vtl_rpath}" CACHE STRING
    "RUNPATH of the installed vtasklint (empty on Debian: libclang is in the loader's path)")
set_target_properties(vtasklint PROPERTIES INSTALL_RPATH "${VTL_INSTALL_RPATH}")

install(TARGETS vtasklint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/vtasklint.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# The rule pages are compiled into the binary (--explain); the documents are installed for
# reading.
install(FILES README.md docs/integration.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/rules DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB in the build directory: build/vtasklint_<version>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vtasklint)
set(CPACK_PACKAGE_VENDOR vtasklint)
set(CPACK_PACKAGE_CONTACT "vtasklint developers <maintainers@vtasklint.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static analyzer for misuse of single-use awaitables in C and C++")
set(CPACK_PACKAGE_DESCRIPTION
    "vtasklint finds awaiting a single-use awaitable (std::future, cppcoro::task, pthread_t, a C\n"
    "vtask_t...) twice, taking the result of one that may not have finished, keeping one in a\n"
    "field, dropping one unawaited, and blocking inside a coroutine. It reads\n"
    "compile_commands.json and reports in the compiler's format, SARIF, JSON or GitHub's.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/vtasklint/vtasklint")
# The shared libraries' packages (libclang1-NN, libyaml-0-2, libjansson4, libxxhash0, libc6) are
# computed by dpkg-shlibdeps (Debian's dpkg-dev) from the binary; the resource directory's
# headers are data, in libclang-common-NN-dev, so that one is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-${LIBCLANG_VERSION_MAJOR}-dev")
include(CPack)
