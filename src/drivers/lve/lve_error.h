/*
 * lve_error.h: kernel refusals said in LVE terms
 *
 * liblve answers with negative errno values; the cgroup backend meets the
 * same situations (an entry-process limit, a process already inside).  Both
 * report them here, so a user reads "LVE 1001: too many entry processes
 * (limit 20)" whichever backend runs, never "error -7".
 */
#ifndef VIR_LVE_ERROR_H
# define VIR_LVE_ERROR_H

# include "internal.h"

# include "lve_conf.h"

typedef enum {
    LVE_OP_SETUP = 0,       /* create or change the limits */
    LVE_OP_DESTROY,
    LVE_OP_ENTER,
    LVE_OP_LEAVE,
    LVE_OP_INFO,
    LVE_OP_DEFAULTS,
    LVE_OP_FREEZE,
    LVE_OP_LAST
} lveOp;

/**
 * lveReportKernelError:
 * @op: what was asked
 * @id: of which LVE (0 for the defaults)
 * @err: the errno, positive (liblve returns -@err)
 * @lim: the LVE's limits, named by some messages; may be NULL
 *
 * Reports the vir error for a refusal of the kernel or of liblve.
 */
void lveReportKernelError(lveOp op, unsigned int id, int err, const lveLimits *lim);

#endif /* VIR_LVE_ERROR_H */
