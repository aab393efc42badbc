// Linux calls the Glibc Swift module does not expose (epoll, eventfd), wrapped so Swift never handles
// the packed `struct epoll_event`. Only HTTPServe imports this module, with `internal import`.
#pragma once
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/// epoll_create1(EPOLL_CLOEXEC).
int chs_epoll_create(void);
/// Adds (op 1), modifies (op 2) or removes (op 3) `fd`; readable/writable select EPOLLIN/EPOLLOUT.
/// Level-triggered; the event's data is the fd itself. Returns 0 or -1 with errno set.
int chs_epoll_ctl(int epfd, int op, int fd, int readable, int writable);
/// epoll_wait, unpacked into parallel arrays of fds and event flags (CHS_EVENT_*). Returns like epoll_wait.
int chs_epoll_wait(int epfd, int32_t *fds, uint32_t *flags, int max, int timeout_ms);
/// eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC).
int chs_eventfd(void);
/// Names the calling thread for the kernel (top -H, /proc/<pid>/task/*/comm); at most 15 bytes are kept.
void chs_set_thread_name(const char *name);
/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC.
int chs_accept(int fd);

#define CHS_EVENT_READ 1u
#define CHS_EVENT_WRITE 2u
#define CHS_EVENT_HANGUP 4u
#define CHS_EVENT_ERROR 8u
