#define _GNU_SOURCE
#include "CHTTPServeLinux.h"
#include <pthread.h>
#include <stddef.h>
#include <string.h>

int chs_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int chs_epoll_ctl(int epfd, int op, int fd, int readable, int writable) {
    struct epoll_event event = {0};
    event.events = (readable ? EPOLLIN : 0) | (writable ? EPOLLOUT : 0);
    event.data.u64 = (uint64_t)(uint32_t)fd;
    int ops[] = {0, EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL};
    return epoll_ctl(epfd, ops[op], fd, op == 3 ? NULL : &event);
}

int chs_epoll_wait(int epfd, int32_t *fds, uint32_t *flags, int max, int timeout_ms) {
    struct epoll_event events[256];
    if (max > 256) max = 256;
    int count = epoll_wait(epfd, events, max, timeout_ms);
    for (int i = 0; i < count; i++) {
        uint32_t e = events[i].events;
        fds[i] = (int32_t)events[i].data.u64;
        flags[i] = ((e & EPOLLIN) ? CHS_EVENT_READ : 0) | ((e & EPOLLOUT) ? CHS_EVENT_WRITE : 0) |
                   ((e & EPOLLHUP) ? CHS_EVENT_HANGUP : 0) | ((e & EPOLLERR) ? CHS_EVENT_ERROR : 0);
    }
    return count;
}

int chs_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int chs_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

void chs_set_thread_name(const char *name) {
    char truncated[16];  // the kernel keeps 15 bytes; longer names make pthread_setname_np fail
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = 0;
    pthread_setname_np(pthread_self(), truncated);
}
