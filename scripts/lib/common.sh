# Shared by scripts/demo and scripts/check: install what is missing, then
# configure and build.  Sourced, not executed.

# Debian packages needed to build and test Tessera.
TESSERA_PACKAGES="build-essential autoconf automake python3 binutils
    libxml2-dev uuid-dev libyajl-dev liblzma-dev
    qemu-system-x86 grub-pc-bin grub-common xorriso mtools
    clang libxen-dev xenstore-utils python3-pyxs"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

tessera_install_deps() {
    missing=""
    for pkg in $TESSERA_PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
            missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    say "Installing missing Debian packages:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install$missing by hand"
        SUDO=sudo
    else
        SUDO=
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q || die "apt-get update failed (is a Debian mirror reachable?)"
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $missing ||
        die "apt-get install failed for:$missing"
}

tessera_build() {
    cd "$TESSERA_TOP"
    if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
        say "Generating the build system (autoreconf)"
        autoreconf -fi >/dev/null || die "autoreconf failed"
    fi
    if [ ! -f Makefile ] || [ configure -nt config.status ]; then
        say "Configuring"
        ./configure -q || die "configure failed (see config.log)"
    fi
    say "Building"
    make -j"$(nproc)" || die "build failed"
}
