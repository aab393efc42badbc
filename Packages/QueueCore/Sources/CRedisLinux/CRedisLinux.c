#define _GNU_SOURCE
#include "CRedisLinux.h"
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int crl_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int crl_epoll_ctl(int epfd, int op, int fd, int readable, int writable) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = (readable ? EPOLLIN : 0) | (writable ? EPOLLOUT : 0);
    event.data.fd = fd;
    int code = op == 1 ? EPOLL_CTL_ADD : (op == 2 ? EPOLL_CTL_MOD : EPOLL_CTL_DEL);
    return epoll_ctl(epfd, code, fd, &event);
}

int crl_epoll_wait(int epfd, int32_t *fds, uint32_t *flags, int max, int timeout_ms) {
    struct epoll_event events[128];
    if (max > 128) max = 128;
    int count = epoll_wait(epfd, events, max, timeout_ms);
    for (int i = 0; i < count; i++) {
        uint32_t e = events[i].events;
        fds[i] = events[i].data.fd;
        flags[i] = ((e & EPOLLIN) ? CRL_EVENT_READ : 0) | ((e & EPOLLOUT) ? CRL_EVENT_WRITE : 0) |
                   ((e & (EPOLLHUP | EPOLLRDHUP)) ? CRL_EVENT_HANGUP : 0) | ((e & EPOLLERR) ? CRL_EVENT_ERROR : 0);
    }
    return count;
}

int crl_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int crl_eventfd_signal(int fd) {
    uint64_t one = 1;
    ssize_t n;
    do { n = write(fd, &one, sizeof one); } while (n < 0 && errno == EINTR);
    return n == sizeof one ? 0 : -1;
}

int crl_eventfd_drain(int fd) {
    uint64_t value;
    ssize_t n;
    do { n = read(fd, &value, sizeof value); } while (n < 0 && errno == EINTR);
    return n == sizeof value ? 0 : -1;
}

int crl_resolve(const char *host, int port, crl_address *out, int max) {
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(host, service, &hints, &list);
    if (rc != 0) return rc < 0 ? rc : -rc;
    int count = 0;
    for (struct addrinfo *a = list; a != NULL && count < max; a = a->ai_next) {
        if (a->ai_addrlen > sizeof out[count].storage) continue;
        out[count].family = a->ai_family;
        out[count].length = (uint32_t)a->ai_addrlen;
        memcpy(out[count].storage, a->ai_addr, a->ai_addrlen);
        count++;
    }
    freeaddrinfo(list);
    return count;
}

const char *crl_resolve_error(int code) { return gai_strerror(code); }

int crl_unix_address(const char *path, crl_address *out) {
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    if (strlen(path) >= sizeof address.sun_path) return -1;
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, path);
    out->family = AF_UNIX;
    out->length = (uint32_t)sizeof address;
    memcpy(out->storage, &address, sizeof address);
    return 0;
}

int crl_connect(const crl_address *address, int *fd) {
    int s = socket(address->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0) return -1;
    // A non-blocking connect is not restarted after EINTR (that answers EALREADY): it is in progress.
    int rc = connect(s, (const struct sockaddr *)address->storage, (socklen_t)address->length);
    if (rc == 0) { *fd = s; return 0; }
    if (errno == EINPROGRESS || errno == EINTR) { *fd = s; return 1; }
    int saved = errno;
    close(s);
    errno = saved;
    return -1;
}

int crl_socket_error(int fd) {
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0) return errno;
    return error;
}

void crl_tune_tcp(int fd) {
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
}

long crl_read(int fd, void *buffer, unsigned long length) {
    ssize_t n;
    do { n = read(fd, buffer, length); } while (n < 0 && errno == EINTR);
    return (long)n;
}

long crl_send(int fd, const void *buffer, unsigned long length) {
    ssize_t n;
    do { n = send(fd, buffer, length, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    return (long)n;
}

void crl_set_thread_name(const char *name) {
    char truncated[16];  // the kernel keeps 15 bytes; longer names make pthread_setname_np fail
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = 0;
    pthread_setname_np(pthread_self(), truncated);
}
