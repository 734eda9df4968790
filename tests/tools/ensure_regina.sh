#!/bin/sh
# Make sure Regina REXX is installed: the REXX test bed (tests/rexx) runs the
# bundled z/OS execs under it, hosted through libregina.so.3 (Debian packages
# regina-rexx and libregina3-dev). As root, install them with apt-get when
# missing; otherwise stop and say exactly what to install.
set -u
PACKAGES="regina-rexx libregina3-dev"

have_regina() {
    command -v regina >/dev/null 2>&1 || return 1
    for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
        [ -e "$dir/libregina.so.3" ] && return 0
    done
    ldconfig -p 2>/dev/null | grep -q 'libregina\.so\.3'
}

if have_regina; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_regina: installing $PACKAGES with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES || exit 1
    have_regina && exit 0
    echo "ensure_regina: apt-get ran, but regina or libregina.so.3 is still missing" >&2
    exit 1
fi
echo "error: Regina REXX is not installed; the REXX test bed needs it." >&2
echo "       install the Debian packages: sudo apt-get install $PACKAGES" >&2
exit 1
