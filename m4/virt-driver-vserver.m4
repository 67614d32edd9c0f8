dnl virt-driver-vserver.m4: the Linux-VServer binding and its simulator
dnl
dnl The binding (src/drivers/vserver) needs Linux and a known number of
dnl the vserver system call for the host: 236 on x86_64, 273 on i386.  It
dnl needs no library, so building it needs no VServer package.
dnl
dnl The simulator virtkit-vserver-sim (tools/vserver-sim), which answers
dnl the call on a mainline kernel, and its tests need libseccomp >= 2.5
dnl with the user-notification API; the driver itself never does.
dnl
dnl Until the driver proper exists, this defines WITH_VSERVER_BINDING and
dnl WITH_VSERVER_SIM, never WITH_VSERVER: src/driver.c lists the scheme
dnl "vserver" as not built while WITH_VSERVER is undefined.  The driver's
dnl own change turns the binding's result into VIRT_DRIVER_RESULT([vserver]).

AC_DEFUN([VIRT_DRIVER_CHECK_VSERVER], [
  VIRT_ARG_WITH_DRIVER([vserver], [build the Linux-VServer binding (vserver system call)])
  AS_IF([test "x$with_vserver" != xno], [
    AS_CASE([$host_os],
      [linux*], [
        AS_CASE([$host_cpu],
          [x86_64|i?86], [vserver_ok=yes],
          [vserver_missing="no vserver system call number is known for $host_cpu (x86_64: 236, i386: 273)"])],
      [vserver_missing="Linux-VServer needs Linux"])
  ])
  AS_IF([test "x$with_vserver" = xyes && test "x$vserver_ok" != xyes],
        [AC_MSG_ERROR([--with-vserver=yes was given, but $vserver_missing])])
  AS_IF([test "x$with_vserver" != xno && test "x$vserver_ok" = xyes],
        [with_vserver=yes], [with_vserver=no; vserver_reason="${vserver_missing:-disabled}"])
  AM_CONDITIONAL([WITH_VSERVER_BINDING], [test "x$with_vserver" = xyes])
  AS_IF([test "x$with_vserver" = xyes],
        [AC_DEFINE([WITH_VSERVER_BINDING], [1], [Build the Linux-VServer binding])])

  AC_ARG_WITH([vserver-sim],
    [AS_HELP_STRING([--with-vserver-sim=@<:@yes|no|check@:>@],
                    [build virtkit-vserver-sim, the VServer kernel simulator (needs libseccomp >= 2.5) (default: check)])],
    [], [with_vserver_sim=check])
  AS_CASE([$with_vserver_sim], [yes|no|check], [],
          [AC_MSG_ERROR([--with-vserver-sim takes yes, no or check, not '$with_vserver_sim'])])
  vserver_sim_ok=no
  vserver_sim_missing=disabled
  AS_IF([test "x$with_vserver_sim" != xno], [
    AS_IF([test "x$with_vserver" != xyes],
      [vserver_sim_missing="it needs the vserver binding ($vserver_reason)"],
      [PKG_CHECK_MODULES([SECCOMP], [libseccomp >= 2.5.0], [
         save_LIBS=$LIBS; LIBS="$LIBS $SECCOMP_LIBS"
         save_CFLAGS=$CFLAGS; CFLAGS="$CFLAGS $SECCOMP_CFLAGS"
         AC_MSG_CHECKING([for the seccomp user-notification API])
         AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <seccomp.h>]], [[
             struct seccomp_notif *req; struct seccomp_notif_resp *resp;
             (void)seccomp_notify_alloc(&req, &resp);
             (void)seccomp_notify_receive(0, req);
             (void)seccomp_notify_id_valid(0, req->id);
             return seccomp_notify_respond(0, resp) + SCMP_ACT_NOTIFY;]])],
           [AC_MSG_RESULT([yes]); vserver_sim_ok=yes],
           [AC_MSG_RESULT([no])
            vserver_sim_missing="libseccomp has no user-notification API (need >= 2.5)"])
         LIBS=$save_LIBS; CFLAGS=$save_CFLAGS],
        [vserver_sim_missing="libseccomp >= 2.5 was not found (install libseccomp-dev)"])])
  ])
  AS_IF([test "x$with_vserver_sim" = xyes && test "x$vserver_sim_ok" != xyes],
        [AC_MSG_ERROR([--with-vserver-sim=yes was given, but $vserver_sim_missing])])
  AS_IF([test "x$with_vserver_sim" != xno && test "x$vserver_sim_ok" = xyes],
        [with_vserver_sim=yes], [with_vserver_sim=no; vserver_sim_reason=$vserver_sim_missing])
  AM_CONDITIONAL([WITH_VSERVER_SIM], [test "x$with_vserver_sim" = xyes])
  AS_IF([test "x$with_vserver_sim" = xyes],
        [AC_DEFINE([WITH_VSERVER_SIM], [1], [Build the VServer kernel simulator])])
  AC_SUBST([SECCOMP_CFLAGS])
  AC_SUBST([SECCOMP_LIBS])
])
