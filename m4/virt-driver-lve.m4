dnl virt-driver-lve.m4: the CloudLinux LVE driver
dnl
dnl Needs Linux (cgroups) and dlopen(): liblve.so.0 is loaded at run time
dnl where it is installed, so building needs no LVE package.

AC_DEFUN([VIRT_DRIVER_CHECK_LVE], [
  VIRT_ARG_WITH_DRIVER([lve], [build the CloudLinux LVE driver (liblve or cgroups)])
  LVE_LIBS=
  AS_IF([test "x$with_lve" != xno], [
    AS_CASE([$host_os],
      [linux*], [
        save_LIBS=$LIBS
        AC_SEARCH_LIBS([dlopen], [dl],
                       [lve_ok=yes; AS_IF([test "x$ac_cv_search_dlopen" != "xnone required"],
                                          [LVE_LIBS=$ac_cv_search_dlopen])],
                       [lve_missing="dlopen() is not available"])
        LIBS=$save_LIBS],
      [lve_missing="LVE needs Linux"])
  ])
  AC_SUBST([LVE_LIBS])
  VIRT_DRIVER_RESULT([lve])
])
