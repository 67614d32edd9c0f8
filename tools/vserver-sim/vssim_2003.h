/*
 * vssim_2003.h: what the files of the 2003 front end share: the network
 * devices, permitted addresses and file-system commands of
 * vssim_2003_net.c, called by vssim_2003.c after its checks
 */
#ifndef VSSIM_2003_H
# define VSSIM_2003_H

# include "vssim_model.h"

/* netdev.*: the id argument names the device */
long vssim03NetDev(vssimModel *m, const vssimCall *call);
/* netaddr.*: the addresses @ctx may use */
long vssim03NetAddr(vssimModel *m, const vssimCall *call, vssimContext *ctx);
/* vfs.vroot and vfs.disk_limit */
long vssim03Vfs(vssimModel *m, const vssimCall *call, vssimContext *ctx);

#endif /* VSSIM_2003_H */
