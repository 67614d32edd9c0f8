/*
 * virt.h: the whole virtkit public API
 *
 * virtkit's API is libvirt's: names, signatures, enum values, struct layouts
 * and macros match libvirt's for everything virtkit covers, so a program
 * written against libvirt builds after changing its include line from
 * <libvirt/libvirt.h> (and <libvirt/virterror.h>) to <virt/virt.h>.
 */
#ifndef VIRT_VIRT_H
# define VIRT_VIRT_H

# include <sys/types.h>

# define VIRT_VIRT_H_INCLUDES
# include <virt/virt-common.h>
# include <virt/virt-host.h>
# include <virt/virt-domain.h>
# include <virt/virt-domain-event.h>
# include <virt/virt-event.h>
# include <virt/virterror.h>
# include <virt/virt-virtkit.h>
# undef VIRT_VIRT_H_INCLUDES

#endif /* VIRT_VIRT_H */
