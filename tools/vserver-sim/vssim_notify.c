/*
 * vssim_notify.c: trapping the vserver system call with libseccomp's
 * user notification, and the caller's memory through process_vm_readv
 */
#include "internal.h"

#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

#include <seccomp.h>

#include "vserver_abi.h"
#include "vssim_notify.h"

struct _vssimListener {
    int fd;
    struct seccomp_notif *req;
    struct seccomp_notif_resp *resp;
};

int
vssimNotifyInstall(bool nnp)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    int rc;
    int fd;

    if (!ctx) {
        fprintf(stderr, "virtkit-vserver-sim: seccomp_init failed\n");
        return -1;
    }
    if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, nnp ? 1 : 0)) < 0 ||
        (rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, VS_NR, 0)) < 0 ||
        (rc = seccomp_load(ctx)) < 0) {
        fprintf(stderr, "virtkit-vserver-sim: cannot install the seccomp filter: %s\n",
                g_strerror(-rc));
        seccomp_release(ctx);
        return -1;
    }
    fd = seccomp_notify_fd(ctx);
    seccomp_release(ctx);
    if (fd < 0)
        fprintf(stderr, "virtkit-vserver-sim: the filter has no listener: %s\n", g_strerror(-fd));
    return fd;
}

vssimListener *
vssimListenerNew(int fd)
{
    vssimListener *l = g_new0(vssimListener, 1);

    l->fd = fd;
    if (seccomp_notify_alloc(&l->req, &l->resp) < 0)
        g_error("virtkit-vserver-sim: out of memory");
    return l;
}

void
vssimListenerFree(vssimListener *l)
{
    if (!l)
        return;
    seccomp_notify_free(l->req, l->resp);
    if (l->fd >= 0)
        close(l->fd);
    g_free(l);
}

int
vssimListenerFd(const vssimListener *l)
{
    return l->fd;
}

int
vssimListenerReceive(vssimListener *l, vssimCall *call)
{
    int rc;

    /* the kernel wants the buffer zeroed */
    memset(l->req, 0, sizeof(*l->req));
    if ((rc = seccomp_notify_receive(l->fd, l->req)) < 0) {
        /* ENOENT: the caller died before the call was read */
        if (rc == -ENOENT || rc == -EINTR)
            return 0;
        fprintf(stderr, "virtkit-vserver-sim: cannot receive a trapped call: %s\n",
                g_strerror(-rc));
        return -1;
    }
    call->id = l->req->id;
    call->pid = l->req->pid;
    call->cmd = l->req->data.args[0];
    call->arg = l->req->data.args[1];
    call->data = l->req->data.args[2];
    return 1;
}

bool
vssimListenerValid(vssimListener *l, uint64_t id)
{
    return seccomp_notify_id_valid(l->fd, id) == 0;
}

void
vssimListenerRespond(vssimListener *l, uint64_t id, long ret)
{
    memset(l->resp, 0, sizeof(*l->resp));
    l->resp->id = id;
    if (ret < 0)
        l->resp->error = ret;
    else
        l->resp->val = ret;
    /* fails only when the caller died meanwhile: nobody to answer */
    ignore_value(seccomp_notify_respond(l->fd, l->resp));
}

int
vssimCallRead(vssimListener *l, const vssimCall *call, uint64_t addr, void *buf, size_t len)
{
    struct iovec local = { .iov_base = buf, .iov_len = len };
    struct iovec remote = { .iov_base = (void *)(uintptr_t)addr, .iov_len = len };
    ssize_t got;

    if (!addr)
        return -EFAULT;
    got = process_vm_readv(call->pid, &local, 1, &remote, 1, 0);
    if (!vssimListenerValid(l, call->id))
        return -ESRCH;
    return got == (ssize_t)len ? 0 : -EFAULT;
}

int
vssimCallWrite(vssimListener *l, const vssimCall *call, uint64_t addr,
               const void *buf, size_t len)
{
    struct iovec local = { .iov_base = (void *)buf, .iov_len = len };
    struct iovec remote = { .iov_base = (void *)(uintptr_t)addr, .iov_len = len };
    ssize_t put;

    if (!addr)
        return -EFAULT;
    /* checked first: never write into a process that reused the pid */
    if (!vssimListenerValid(l, call->id))
        return -ESRCH;
    put = process_vm_writev(call->pid, &local, 1, &remote, 1, 0);
    return put == (ssize_t)len ? 0 : -EFAULT;
}
