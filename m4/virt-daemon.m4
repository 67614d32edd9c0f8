dnl virt-daemon.m4: virtkitd and its RPC layer
dnl
dnl libvirt's remote protocol is XDR: libtirpc's xdr_* functions encode
dnl it, and rpcgen (Debian: rpcsvc-proto) compiles the protocol
dnl description src/rpc/virtkit_protocol.x into them at build time.  GnuTLS
dnl serves the TLS transport (virtkitd --listen).

AC_DEFUN([VIRT_DAEMON_CHECK], [
  AC_ARG_ENABLE([daemon],
    [AS_HELP_STRING([--disable-daemon], [do not build virtkitd (which needs libtirpc and rpcgen)])],
    [], [enable_daemon=yes])
  AS_IF([test "x$enable_daemon" = xyes], [
    PKG_CHECK_MODULES([TIRPC], [libtirpc], [],
      [AC_MSG_ERROR([virtkitd needs libtirpc (install libtirpc-dev), or configure --disable-daemon])])
    AC_PATH_PROG([RPCGEN], [rpcgen], [no])
    AS_IF([test "x$RPCGEN" = xno],
      [AC_MSG_ERROR([virtkitd needs rpcgen (install rpcsvc-proto), or configure --disable-daemon])])
    dnl TLS over TCP (listen_tls): the daemon's side of libvirt's x509 transport
    PKG_CHECK_MODULES([VKD_GNUTLS], [gnutls >= 3.6.0], [],
      [AC_MSG_ERROR([virtkitd needs GnuTLS (install libgnutls28-dev), or configure --disable-daemon])])
  ])
  AM_CONDITIONAL([WITH_DAEMON], [test "x$enable_daemon" = xyes])
  dnl the library's remote driver is a client of the same RPC layer
  AS_IF([test "x$enable_daemon" = xyes],
    [AC_DEFINE([WITH_REMOTE], [1], [the remote driver (libvirt's protocol, libtirpc)])])

  AC_ARG_WITH([systemdsystemunitdir],
    [AS_HELP_STRING([--with-systemdsystemunitdir=DIR], [where virtkitd's systemd units go (default: PREFIX/lib/systemd/system)])],
    [], [with_systemdsystemunitdir='${prefix}/lib/systemd/system'])
  AC_SUBST([systemdsystemunitdir], [$with_systemdsystemunitdir])
])
