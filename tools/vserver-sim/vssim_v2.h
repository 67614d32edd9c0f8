/*
 * vssim_v2.h: what the files of the V2 front end share: the commands that
 * act on processes and the scheduler (vssim_v2_proc.c) and on network
 * contexts (vssim_v2_net.c), called by the switch in vssim_v2.c after its
 * checks, with the context or network context looked up
 */
#ifndef VSSIM_V2_H
# define VSSIM_V2_H

# include "vssim_model.h"

long vssimV2CtxCreate(vssimModel *m, const vssimCall *call, const vssimCaller *caller);
long vssimV2CtxMigrate(vssimModel *m, const vssimCall *call, const vssimCaller *caller,
                       vssimContext *ctx);
long vssimV2CtxKill(vssimModel *m, const vssimCall *call, vssimContext *ctx);
/* Returns VSSIM_DEFERRED: the answer comes when the context is gone. */
long vssimV2WaitExit(vssimModel *m, const vssimCall *call, vssimContext *ctx);
long vssimV2SetSched(vssimModel *m, const vssimCall *call, vssimContext *ctx);
long vssimV2GetSched(vssimModel *m, const vssimCall *call, vssimContext *ctx);

/* net_create, net_migrate, nx_info, the network flags and addresses;
 * @net is NULL for net_create */
long vssimV2NetCall(vssimModel *m, const vssimCall *call, const vssimCaller *caller,
                    vssimNet *net);

#endif /* VSSIM_V2_H */
