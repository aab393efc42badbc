// Linux calls the Glibc Swift module does not expose (epoll, eventfd) and socket set-up that is clumsy
// from Swift (sockaddr juggling), for RedisClient's event loop. Only RedisClient imports this module.
//
// The discipline (the same as HTTPServe's loop, see docs/adr/0005-two-event-loops.md): every fd is opened
// close-on-exec; every call that a signal can interrupt retries EINTR here (epoll_wait returns it to the
// loop, which recomputes its timeout), so callers see -1 only for EAGAIN or a real error, with errno intact.
#pragma once
#include <stdint.h>

/// epoll_create1(EPOLL_CLOEXEC). Returns the fd or -1 with errno set.
int crl_epoll_create(void);
/// Adds (op 1), modifies (op 2) or removes (op 3) `fd`, level-triggered, with EPOLLIN when `readable`
/// and EPOLLOUT when `writable`; the event carries the fd. Returns 0 or -1 with errno set.
int crl_epoll_ctl(int epfd, int op, int fd, int readable, int writable);
/// epoll_wait, unpacked into parallel arrays of fds and CRL_EVENT_* flags (at most 128 events). Not retried:
/// on EINTR it returns -1 and the loop waits again with a fresh timeout.
int crl_epoll_wait(int epfd, int32_t *fds, uint32_t *flags, int max, int timeout_ms);
/// eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC).
int crl_eventfd(void);
/// Adds one to an eventfd (a wake-up), retried on EINTR. Returns 0 or -1 with errno set.
int crl_eventfd_signal(int fd);
/// Reads (resets) an eventfd counter, retried on EINTR. Returns 0 or -1 with errno set (EAGAIN when it was zero).
int crl_eventfd_drain(int fd);

/// One resolved socket address (opaque storage large enough for IPv4, IPv6 and Unix paths).
typedef struct crl_address {
    int family;
    uint32_t length;
    uint64_t storage[16]; // 128 bytes, aligned for any sockaddr
} crl_address;

/// Resolves `host`:`port` for TCP (getaddrinfo, blocking for names, instant for numeric hosts) into at
/// most `max` addresses. Returns the count, or a negative EAI_* code (see crl_resolve_error).
int crl_resolve(const char *host, int port, crl_address *out, int max);
/// gai_strerror for a negative crl_resolve result.
const char *crl_resolve_error(int code);
/// Fills `out` with a Unix socket address for `path`. Returns 0, or -1 when the path is too long.
int crl_unix_address(const char *path, crl_address *out);
/// Opens a non-blocking, close-on-exec stream socket and starts connecting to `address`.
/// Returns 0 when connected, 1 when in progress (wait for writability, then crl_socket_error), or -1
/// with errno set (the socket is closed). `*fd` receives the socket on 0 and 1.
int crl_connect(const crl_address *address, int *fd);
/// The pending error of a socket (getsockopt SO_ERROR): 0 once a non-blocking connect succeeded.
int crl_socket_error(int fd);
/// TCP_NODELAY and SO_KEEPALIVE on a TCP socket (ignored for Unix sockets).
void crl_tune_tcp(int fd);
/// read(2), retried on EINTR. Returns the count, 0 at end of stream, or -1 with errno set.
long crl_read(int fd, void *buffer, unsigned long length);
/// send(2) with MSG_NOSIGNAL, so a closed peer gives EPIPE instead of killing the process; retried on EINTR.
long crl_send(int fd, const void *buffer, unsigned long length);

/// Names the calling thread for the kernel (top -H, /proc/<pid>/task/*/comm); at most 15 bytes are kept.
void crl_set_thread_name(const char *name);

#define CRL_EVENT_READ 1u
#define CRL_EVENT_WRITE 2u
#define CRL_EVENT_HANGUP 4u
#define CRL_EVENT_ERROR 8u
