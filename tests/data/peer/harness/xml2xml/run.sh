#!/bin/bash
# A stand-in for the peer-tests xml2xml harness, for check-peer-test.sh:
# one case, which fails when FAKE_XML2XML_FAIL is set.
set -u
: "${VIRSH:?}" "${PEER_VIRSHTEST_CACHE:?}"
if [[ -n ${FAKE_XML2XML_FAIL:-} ]]; then
    echo "FAIL generic/one: 3 lines of the reference dump lost or changed"
    echo "peer-xml2xml: 0/1 inputs round-trip as libvirt keeps them (generic 0/1, lxc 0/0; libvirt refused 0)"
    exit 1
fi
echo "ok   generic/one"
echo "peer-xml2xml: 1/1 inputs round-trip as libvirt keeps them (generic 1/1, lxc 0/0; libvirt refused 0)"
