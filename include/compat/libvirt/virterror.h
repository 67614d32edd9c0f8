/*
 * libvirt/virterror.h: libvirt's error header, answered by virtkit
 *
 * Programs written for libvirt include it beside <libvirt/libvirt.h>;
 * virtkit's errors come with <virt/virt.h>, so this brings that in
 * under libvirt's guard (see libvirt/libvirt.h in this directory).
 */
#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <virt/virt.h>

#endif /* LIBVIRT_VIRTERROR_H */
