/* path.h: path helpers. Results are heap strings the caller owns (free()). */
#ifndef VTL_SUPPORT_PATH_H
#define VTL_SUPPORT_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* path_absolute: `path` made absolute against `base` (or the current directory when base is
 * NULL), with "." and ".." components and duplicate slashes removed lexically, except that a
 * symbolic link is resolved before a ".." after it (/lib -> usr/lib: /lib/../include is
 * /usr/include). */
char *path_absolute(const char *path, const char *base);
/* path_real: the file's real path (every link resolved, as realpath(3)) after path_absolute
 * against base, or NULL when it does not exist; *dev and *ino (when non-NULL) get its device
 * and inode, so that a caller can check the name reaches the file it meant. */
char *path_real(const char *path, const char *base, unsigned long long *dev, unsigned long long *ino);
/* path_display: how a file is shown to the user: relative to the current directory when it
 * lies below it, else absolute. */
char *path_display(const char *abs_path);
/* path_common_dir: the length of the longest directory prefix a and b share (up to, not
 * including, its last '/'): how near two files are, for picking a neighbour's command. */
size_t path_common_dir(const char *a, const char *b);
/* path_has_ext: the extension (without dot) is one of the NULL-terminated list. */
bool path_has_ext(const char *path, const char *const *exts);
/* path_is_cxx: judged by extension (.cc .cpp .cxx .c++ .C .hpp .hh .hxx .ipp .cu). */
bool path_is_cxx(const char *path);
/* path_unsafe: why a file found by searching upward (a compilation database, a configuration
 * file) must not be trusted: "owned by another user", "writable by others", or "in a directory
 * writable by others" (git's safe.directory rule); NULL when it is safe to use. */
const char *path_unsafe(const char *file);
/* path_cwd: the current directory (cached after the first call; do not free). */
const char *path_cwd(void);

#endif
