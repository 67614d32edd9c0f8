dnl virt-driver.m4: what every driver's m4/virt-driver-<name>.m4 uses
dnl
dnl A driver's file defines VIRT_DRIVER_CHECK_<NAME>, which configure.ac
dnl calls once.  That macro:
dnl   1. VIRT_ARG_WITH_DRIVER([name], [help]): --with-name=yes|no|check
dnl   2. looks for the driver's dependencies unless with_name=no, setting
dnl      name_ok=yes, or name_missing="what is missing" (install hint)
dnl   3. VIRT_DRIVER_RESULT([name]): a forced driver whose dependency is
dnl      missing stops configure with that message; "check" turns it off;
dnl      sets the WITH_NAME conditional and define.

AC_DEFUN([VIRT_ARG_WITH_DRIVER], [
  AC_ARG_WITH([$1],
    [AS_HELP_STRING([--with-$1=@<:@yes|no|check@:>@], [$2 (default: check)])],
    [], [with_$1=check])
  AS_CASE([$with_$1], [yes|no|check], [],
          [AC_MSG_ERROR([--with-$1 takes yes, no or check, not '$with_$1'])])
  $1_ok=no
  $1_missing=disabled
])

AC_DEFUN([VIRT_DRIVER_RESULT], [
  AS_IF([test "x$with_$1" = xyes && test "x$$1_ok" != xyes],
        [AC_MSG_ERROR([--with-$1=yes was given, but $$1_missing])])
  AS_IF([test "x$with_$1" != xno && test "x$$1_ok" = xyes],
        [with_$1=yes], [with_$1=no; $1_reason="${$1_missing:-disabled}"])
  AM_CONDITIONAL(m4_toupper([WITH_$1]), [test "x$with_$1" = xyes])
  AS_IF([test "x$with_$1" = xyes],
        [AC_DEFINE(m4_toupper([WITH_$1]), [1], [Build the $1 driver])])
])
