#!/bin/sh
# Make sure a JDK (Java 11 or later) is installed: the Java test bed (tests/java)
# runs the bundled Java program (EVALUATE_JAVA_SOURCE) under a real JVM, with the
# source launcher and with javac --release 8, against a stand-in IRRRacf.jar it
# builds with javac and jar (Debian package openjdk-17-jdk-headless). As root,
# install it with apt-get when missing; otherwise stop and say exactly what to
# install.
set -u
PACKAGES="openjdk-17-jdk-headless"

have_jdk() {
    for tool in java javac jar; do
        command -v "$tool" >/dev/null 2>&1 || return 1
    done
    # the source launcher (java File.java) needs Java 11 or later; Java 8 says "1.8.0_..."
    major=$(java -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
    [ -n "$major" ] && [ "$major" -ge 11 ]
}

if have_jdk; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_jdk: installing $PACKAGES with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES || exit 1
    have_jdk && exit 0
    echo "ensure_jdk: apt-get ran, but java, javac or jar (Java 11 or later) is still missing" >&2
    exit 1
fi
echo "error: no JDK 11 or later (java, javac, jar) is installed; the Java test bed needs it." >&2
echo "       install the Debian package: sudo apt-get install $PACKAGES" >&2
exit 1
