#!/bin/sh
# The README's two commands on a fresh Debian with nothing but git.
#
#   sudo tests/fresh_machine/run.sh [--suite bookworm] [--sudo] [--mirror URL] [--keep] [REPO]
#
# Makes a Debian minbase root with debootstrap in a temporary folder, installs
# git alone in it, clones REPO's HEAD commit (default: this repository; commit
# first, uncommitted changes are not in the clone), and there, as root, runs
# `./dev briefing` then `./dev test`, then breaks .venv the way an interrupted
# set-up leaves it and runs `./dev briefing` again. Prints each step's time
# and output and ends with PASS or FAIL (exit status 0 or 1). With --sudo,
# sudo is installed too and the commands run as a user who may use it. With a
# suite whose Python is older than 3.11 (bullseye), it checks the other
# promise instead: `./dev briefing` stops with one error line that says what
# to install.
#
# Needs root (debootstrap, chroot, mount), debootstrap (apt-get install
# debootstrap) and the network (the Debian mirror and the Python package
# index); it takes ten to twenty minutes, so it is run by hand, not by pytest.
set -eu

SUITE=bookworm
MIRROR=
KEEP=
AS_USER=
REPO=$(cd "$(dirname "$0")/../.." && pwd)
while [ $# -gt 0 ]; do
    case $1 in
        --suite) SUITE=$2; shift 2 ;;
        --mirror) MIRROR=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --sudo) AS_USER=1; shift ;;
        -h | --help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
        -*) echo "fresh-machine: unknown option $1" >&2; exit 2 ;;
        *) REPO=$1; shift ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "fresh-machine: run as root (debootstrap, chroot and mount need it)" >&2; exit 2; }
command -v debootstrap >/dev/null 2>&1 || { echo "fresh-machine: needs debootstrap: apt-get install debootstrap" >&2; exit 2; }

# The Debian mirror this machine's apt uses, else the default one.
if [ -z "$MIRROR" ]; then
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        sed -n -e 's|^URIs: *\(https\{0,1\}://[^ ]*/debian\)/*$|\1|p' -e 's|^deb  *\(https\{0,1\}://[^ ]*/debian\)/* .*|\1|p' |
        head -n 1)
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

COMMIT=$(git -C "$REPO" rev-parse HEAD)
PACKAGES=git
CLONE=/root/briefing
WHO=root
if [ -n "$AS_USER" ]; then
    PACKAGES="git sudo"
    CLONE=/home/dev/briefing
    WHO="a user with sudo"
fi
WORK=$(mktemp -d /tmp/fresh-machine.XXXXXX)
ROOT=$WORK/root
RESULT=FAIL

cleanup() {
    for mount in dev/pts dev/shm dev sys proc; do
        mountpoint -q "$ROOT/$mount" 2>/dev/null && umount -l "$ROOT/$mount"
    done
    if grep -q " $WORK/" /proc/mounts; then
        echo "fresh-machine: something is still mounted under $WORK: left in place" >&2
    elif [ -n "$KEEP" ]; then
        echo "fresh-machine: kept $ROOT"
    else
        rm -rf --one-file-system "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now() { date +%s; }
STEPS=
# step NAME COMMAND...: run it, time it, keep its output in $WORK/NAME.log; its exit status is returned.
step() {
    name=$1
    shift
    start=$(now)
    status=0
    "$@" >"$WORK/$name.log" 2>&1 || status=$?
    seconds=$(($(now) - start))
    lines=$(wc -l <"$WORK/$name.log")
    STEPS="$STEPS$(printf '  %-34s %5d s   exit %d   %d lines of output' "$name" "$seconds" "$status" "$lines")
"
    return $status
}

# Run a command inside the fresh root as its root user, with a bare environment
# (and the trust pip has here, see below).
in_root() {
    chroot "$ROOT" /usr/bin/env -i HOME=/root TERM=dumb $PIP_TRUST \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# Run a shell command in the clone, as root or (--sudo) as the user "dev".
in_clone() {
    if [ -n "$AS_USER" ]; then
        in_root runuser -u dev -- env HOME=/home/dev sh -c "cd $CLONE && $1"
    else
        in_root sh -c "cd $CLONE && $1"
    fi
}

show() {
    echo "--- $1 ---"
    sed 's/^/    /' "$WORK/$1.log"
}

report() {
    echo "fresh-machine: Debian $SUITE minbase from $MIRROR; commit $COMMIT; as $WHO"
    printf '%s' "$STEPS"
    echo "fresh-machine: $RESULT"
}

echo "fresh-machine: Debian $SUITE minbase in $ROOT (commit $COMMIT)"
git -C "$REPO" diff --quiet HEAD || echo "fresh-machine: note: $REPO has uncommitted changes; they are not in the clone"

step debootstrap debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" || { show debootstrap; report; exit 1; }
# The fresh root gets this machine's network settings: its resolver and, where
# pip here trusts a certificate bundle of its own (a TLS-inspecting proxy), that bundle.
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
PIP_TRUST=
cert=${PIP_CERT:-$(pip config get global.cert 2>/dev/null || true)}
if [ -n "$cert" ] && [ -f "$cert" ]; then
    cp "$cert" "$ROOT/etc/fresh-machine-ca.crt"
    PIP_TRUST=PIP_CERT=/etc/fresh-machine-ca.crt
fi
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
mount -t tmpfs shm "$ROOT/dev/shm"
git -C "$REPO" bundle create "$ROOT/root/repo.bundle" HEAD >/dev/null 2>&1

step "apt-get install $PACKAGES" in_root sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PACKAGES" ||
    { show "apt-get install $PACKAGES"; report; exit 1; }
if [ -n "$AS_USER" ]; then
    in_root useradd --create-home --shell /bin/sh dev
    echo "dev ALL=(ALL) NOPASSWD: ALL" >"$ROOT/etc/sudoers.d/dev"
    chmod 0440 "$ROOT/etc/sudoers.d/dev"
    chmod 0644 "$ROOT/root/repo.bundle"
    chmod 0755 "$ROOT/root"
    step "git clone" in_root runuser -u dev -- git -c advice.detachedHead=false clone -q /root/repo.bundle $CLONE
else
    step "git clone" in_root git -c advice.detachedHead=false clone -q /root/repo.bundle $CLONE
fi || { show "git clone"; report; exit 1; }
rm "$ROOT/root/repo.bundle"

python_ok=$(in_root sh -c 'apt-cache policy python3 | grep -q "Candidate: 3\.\(1[1-9]\|[2-9][0-9]\)" && echo yes || echo no')
if [ "$python_ok" = no ]; then
    # Too old a Python: one line that says what to install, exit 1, nothing half made.
    if ! step "./dev briefing (too old)" in_clone './dev briefing'; then
        log="$WORK/./dev briefing (too old).log"
        [ "$(grep -c "error" "$log")" -eq 1 ] && grep -q "^dev: error: .*install python3.11" "$log" &&
            ! grep -q Traceback "$log" && [ ! -e "$ROOT$CLONE/.venv" ] && RESULT=PASS
    fi
    show "./dev briefing (too old)"
    report
    [ "$RESULT" = PASS ]
    exit
fi

briefing_ok=
step "./dev briefing" in_clone './dev briefing' &&
    [ -s "$ROOT$CLONE/out/briefing.pdf" ] && [ -s "$ROOT$CLONE/out/briefing.md" ] && briefing_ok=1
show "./dev briefing"
tests_ok=
step "./dev test" in_clone './dev test' && tests_ok=1
echo "--- ./dev test (its last lines) ---"
tail -n 5 "$WORK/./dev test.log" | sed 's/^/    /'

# An interrupted set-up leaves a .venv without pip: the next run must make it again.
rm -rf "$ROOT$CLONE"/.venv/lib/python3*/site-packages/pip
rebuilt_ok=
step "./dev briefing (half-made .venv)" in_clone './dev briefing --force' &&
    grep -q "making it again" "$WORK/./dev briefing (half-made .venv).log" && rebuilt_ok=1
show "./dev briefing (half-made .venv)"

[ -n "$briefing_ok" ] && [ -n "$tests_ok" ] && [ -n "$rebuilt_ok" ] && RESULT=PASS
report
[ "$RESULT" = PASS ]
