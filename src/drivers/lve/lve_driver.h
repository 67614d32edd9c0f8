/*
 * lve_driver.h: registering the LVE driver
 */
#ifndef VIR_LVE_DRIVER_H
# define VIR_LVE_DRIVER_H

int lveRegister(void);

#endif /* VIR_LVE_DRIVER_H */
