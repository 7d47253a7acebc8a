/* uv.h: a minimal stand-in for libuv's handle API, for the `libuv` profile's fixtures.
 * Declarations only, mimicking the shape of the real API (handle structs that begin with the
 * common handle fields, so `(uv_handle_t *)&tcp` is the usual cast); not the library.
 * A handle is created by uv_*_init(loop, &h, ...) and consumed by uv_close(); uv_is_closing()
 * tells whether uv_close() was already called on it. Usable from C and C++. */
#ifndef VTL_STANDIN_UV_H
#define VTL_STANDIN_UV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sockaddr;

typedef enum { UV_RUN_DEFAULT = 0, UV_RUN_ONCE, UV_RUN_NOWAIT } uv_run_mode;

typedef enum {
  UV_UNKNOWN_HANDLE = 0,
  UV_ASYNC,
  UV_IDLE,
  UV_TCP,
  UV_TIMER,
  UV_HANDLE_TYPE_MAX
} uv_handle_type;

typedef struct uv_loop_s uv_loop_t;
typedef struct uv_handle_s uv_handle_t;
typedef struct uv_stream_s uv_stream_t;
typedef struct uv_tcp_s uv_tcp_t;
typedef struct uv_timer_s uv_timer_t;
typedef struct uv_idle_s uv_idle_t;
typedef struct uv_async_s uv_async_t;

typedef struct uv_buf_t {
  char *base;
  size_t len;
} uv_buf_t;

typedef void (*uv_close_cb)(uv_handle_t *handle);
typedef void (*uv_alloc_cb)(uv_handle_t *handle, size_t suggested_size, uv_buf_t *buf);
typedef void (*uv_read_cb)(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf);
typedef void (*uv_timer_cb)(uv_timer_t *handle);
typedef void (*uv_idle_cb)(uv_idle_t *handle);
typedef void (*uv_async_cb)(uv_async_t *handle);

struct uv_loop_s {
  void *data;
  unsigned int active_handles;
  void *internal_fields;
};

#define UV_HANDLE_FIELDS                                                                          \
  void *data;                                                                                     \
  uv_loop_t *loop;                                                                                \
  uv_handle_type type;                                                                            \
  uv_close_cb close_cb;                                                                           \
  void *handle_queue[2];                                                                          \
  unsigned int flags;

#define UV_STREAM_FIELDS                                                                          \
  size_t write_queue_size;                                                                        \
  uv_alloc_cb alloc_cb;                                                                           \
  uv_read_cb read_cb;

struct uv_handle_s {
  UV_HANDLE_FIELDS
};

struct uv_stream_s {
  UV_HANDLE_FIELDS
  UV_STREAM_FIELDS
};

struct uv_tcp_s {
  UV_HANDLE_FIELDS
  UV_STREAM_FIELDS
  int fd;
};

struct uv_timer_s {
  UV_HANDLE_FIELDS
  uv_timer_cb timer_cb;
  uint64_t timeout;
  uint64_t repeat;
};

struct uv_idle_s {
  UV_HANDLE_FIELDS
  uv_idle_cb idle_cb;
};

struct uv_async_s {
  UV_HANDLE_FIELDS
  uv_async_cb async_cb;
  int pending;
};

/* The loop: not a handle. */
uv_loop_t *uv_default_loop(void);
int uv_loop_init(uv_loop_t *loop);
int uv_loop_close(uv_loop_t *loop);
int uv_run(uv_loop_t *loop, uv_run_mode mode);
void uv_stop(uv_loop_t *loop);

/* Every handle. */
void uv_close(uv_handle_t *handle, uv_close_cb close_cb);
int uv_is_closing(const uv_handle_t *handle);
int uv_is_active(const uv_handle_t *handle);
void uv_ref(uv_handle_t *handle);
void uv_unref(uv_handle_t *handle);
void *uv_handle_get_data(const uv_handle_t *handle);
void uv_handle_set_data(uv_handle_t *handle, void *data);

/* Streams and TCP. */
int uv_tcp_init(uv_loop_t *loop, uv_tcp_t *handle);
int uv_tcp_bind(uv_tcp_t *handle, const struct sockaddr *addr, unsigned int flags);
int uv_tcp_nodelay(uv_tcp_t *handle, int enable);
int uv_listen(uv_stream_t *stream, int backlog, void (*cb)(uv_stream_t *server, int status));
int uv_accept(uv_stream_t *server, uv_stream_t *client);
int uv_read_start(uv_stream_t *stream, uv_alloc_cb alloc_cb, uv_read_cb read_cb);
int uv_read_stop(uv_stream_t *stream);

/* Timers. */
int uv_timer_init(uv_loop_t *loop, uv_timer_t *handle);
int uv_timer_start(uv_timer_t *handle, uv_timer_cb cb, uint64_t timeout, uint64_t repeat);
int uv_timer_stop(uv_timer_t *handle);

/* Idle handles. */
int uv_idle_init(uv_loop_t *loop, uv_idle_t *idle);
int uv_idle_start(uv_idle_t *idle, uv_idle_cb cb);
int uv_idle_stop(uv_idle_t *idle);

/* Async handles. */
int uv_async_init(uv_loop_t *loop, uv_async_t *async, uv_async_cb async_cb);
int uv_async_send(uv_async_t *async);

#ifdef __cplusplus
}
#endif

#endif
