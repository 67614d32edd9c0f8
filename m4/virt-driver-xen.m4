dnl virt-driver-xen.m4: the Xen driver and its binding
dnl
dnl The binding (src/drivers/xen) is the only code that knows Xen: it speaks
dnl to the hypervisor through libxenctrl, to xenstored through libxenstore
dnl and builds guests with libxl, all found with pkg-config (Debian:
dnl libxen-dev, Xen 4.17 in Debian 12).  Calls that changed between Xen
dnl releases are checked here, not guessed from version numbers:
dnl   - xc_domain_getinfo_single() appeared in 4.18 (and xc_domain_getinfo()
dnl     left); without it one domain's info is a getinfolist of one entry;
dnl   - xc_domaininfo_t is what xc_domain_getinfolist() fills in every
dnl     release we support (it was xen_domctl_getdomaininfo_t all along);
dnl   - libxl is used at LIBXL_API_VERSION 0x041300 (the ao_how arguments of
dnl     pause, unpause and retrieve_domain_configuration), which 4.13 and
dnl     later accept; older libxl stops configure with a clear message.
dnl
dnl WITH_XEN (VIRT_DRIVER_RESULT: conditional and define) builds the driver
dnl (src/drivers/xen/xen_driver.c and the domain model) on the binding;
dnl WITH_XEN_BINDING says the binding is built (it always is with the driver).

AC_DEFUN([VIRT_XEN_CHECK_API], [
  save_CFLAGS=$CFLAGS; save_LIBS=$LIBS
  CFLAGS="$CFLAGS $XEN_CFLAGS"; LIBS="$XEN_LIBS $LIBS"
  AC_CHECK_HEADERS([xenctrl.h xenstore.h libxl.h libxl_utils.h xentoollog.h], [],
                   [xen_ok=no; xen_missing="the Xen headers were not found (install libxen-dev)"])
  AC_CHECK_TYPE([xc_domaininfo_t], [],
                [xen_ok=no; xen_missing="xenctrl.h has no xc_domaininfo_t (Xen too old)"],
                [[#include <xenctrl.h>]])
  AC_CHECK_FUNCS([xc_domain_getinfo_single xc_vcpu_setaffinity xc_sched_credit2_domain_get])
  AS_IF([test "x$ac_cv_func_xc_vcpu_setaffinity" != xyes],
        [xen_ok=no; xen_missing="libxenctrl has no xc_vcpu_setaffinity"])
  AC_CHECK_DECLS([xc_domain_getinfo, XEN_VCPUAFFINITY_SOFT, XEN_DOMINF_hap], [], [],
                 [[#include <xenctrl.h>]])
  AS_IF([test "x$ac_cv_have_decl_XEN_VCPUAFFINITY_SOFT" != xyes],
        [xen_ok=no; xen_missing="xenctrl.h has no soft vcpu affinity (Xen older than 4.5)"])
  AC_MSG_CHECKING([whether libxl accepts LIBXL_API_VERSION 0x041300])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[
#define LIBXL_API_VERSION 0x041300
#include <libxl.h>
#if !defined(LIBXL_HAVE_BUILDINFO_KERNEL) || !defined(LIBXL_HAVE_SIGCHLD_OWNER_SELECTIVE_REAP) || \
    !defined(LIBXL_HAVE_DOMAIN_CREATE_RESTORE_SEND_BACK_FD)
# error libxl too old
#endif
]], [[libxl_domain_config c; libxl_domain_config_init(&c);
      return libxl_domain_pause(NULL, 0, NULL);]])],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     xen_ok=no; xen_missing="libxl is older than Xen 4.13 (LIBXL_API_VERSION 0x041300 is refused)"])
  CFLAGS=$save_CFLAGS; LIBS=$save_LIBS
])

AC_DEFUN([VIRT_DRIVER_CHECK_XEN], [
  VIRT_ARG_WITH_DRIVER([xen], [build the Xen driver (libxenctrl, xenstore, libxl)])
  XEN_TOOLS_VERSION=
  AS_IF([test "x$with_xen" != xno], [
    AS_CASE([$host_os],
      [linux*], [
        PKG_CHECK_MODULES([XEN], [xencontrol xenforeignmemory xenstore xenlight xentoollog],
          [xen_ok=yes
           XEN_TOOLS_VERSION=$($PKG_CONFIG --modversion xencontrol)],
          [xen_missing="the Xen libraries were not found (install libxen-dev): $XEN_PKG_ERRORS"])
        AS_IF([test "x$xen_ok" = xyes], [VIRT_XEN_CHECK_API])],
      [xen_missing="the Xen binding needs Linux (a dom0)"])
  ])
  VIRT_DRIVER_RESULT([xen])
  AS_IF([test "x$with_xen" = xyes],
        [with_xen_binding=yes
         xen_summary="yes, Xen $XEN_TOOLS_VERSION"
         AC_DEFINE([WITH_XEN_BINDING], [1], [Build the Xen binding (src/drivers/xen)])
         AC_DEFINE_UNQUOTED([XEN_TOOLS_VERSION], ["$XEN_TOOLS_VERSION"],
                            [The version of libxenctrl the binding is built with])
         AC_DEFINE([LIBXL_API_VERSION], [0x041300], [The libxl API the binding is written for])],
        [with_xen_binding=no
         xen_summary="no (${xen_missing:-disabled})"])
  AC_SUBST([XEN_CFLAGS])
  AC_SUBST([XEN_LIBS])
  XEN_SUMMARY=$xen_summary
  AC_SUBST([XEN_SUMMARY])
  AM_CONDITIONAL([WITH_XEN_BINDING], [test "x$with_xen_binding" = xyes])
])
