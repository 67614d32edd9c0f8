/*
 * virkeycodesysrq.h: key codes as a magic SysRq key
 *
 * For a driver whose hypervisor takes no keyboard input but a SysRq
 * request (Xen: "xl sysrq DOMAIN KEY"): virDomainSendKey's keys are
 * accepted when they spell Alt+SysRq+key.
 */
#ifndef VIR_KEYCODE_SYSRQ_H
# define VIR_KEYCODE_SYSRQ_H

# include "internal.h"

int virKeycodeSysrqKey(unsigned int codeset, const unsigned int *keycodes, int nkeycodes,
                       char *key);

#endif /* VIR_KEYCODE_SYSRQ_H */
