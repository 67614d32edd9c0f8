/*
 * libvirt/libvirt.h: libvirt's include line, answered by virtkit
 *
 * Installed under $(includedir)/virtkit, which virtkit.pc puts on the
 * include path, so that a program written for libvirt builds against
 * virtkit unchanged: only its build flags differ.  Searched before the
 * system directories, this directory wins over libvirt-dev's header of
 * the same name when both are installed.  libvirt's header guard is
 * defined too, so that nothing of libvirt's own is read after it.
 */
#ifndef LIBVIRT_H
# define LIBVIRT_H

# include <virt/virt.h>

#endif /* LIBVIRT_H */
