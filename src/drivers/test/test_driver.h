/*
 * test_driver.h: registering the test driver
 */
#ifndef VIR_TEST_DRIVER_H
# define VIR_TEST_DRIVER_H

int testRegister(void);

#endif /* VIR_TEST_DRIVER_H */
