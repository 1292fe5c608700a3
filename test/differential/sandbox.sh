#!/usr/bin/bash
# Runs one differential case in real bash, the way sandbash's default machine looks.
# Called by record.ts as:
#   unshare --mount --uts --propagation private /usr/bin/bash sandbox.sh STAGE SCRIPT
# inside a private mount namespace (as root), so the mounts below vanish with it.
# STAGE holds home/ (files for /home/user), tmp/ (files for /tmp), passwd and group.
# stdin is passed through to the script untouched.
set -euo pipefail
stage=$1
script=$2

setup_fail() {
  echo "sandbox-setup: $*" >&2
  exit 250
}

# Any failure here (set -e is off inside an || list, hence the && chain) aborts with 250,
# which record.ts reports instead of recording.
{
  hostname sandbox &&
  mkdir -p /home/user &&
  mount -t tmpfs -o mode=0755,size=64m tmpfs /home/user &&
  mount -t tmpfs -o mode=1777,size=64m tmpfs /tmp &&
  cp -a "$stage/home/." /home/user/ &&
  cp -a "$stage/tmp/." /tmp/ &&
  chmod 0755 /home/user && chmod 1777 /tmp &&
  chown -R 1000:1000 /home/user &&
  find /tmp -mindepth 1 -exec chown -h 1000:1000 {} + &&
  # uid 1000 shows as "user" (whoami, ls -l, id), like the sandbox's user.
  mount --bind "$stage/passwd" /etc/passwd &&
  mount --bind "$stage/group" /etc/group
} || setup_fail "could not prepare the namespace (needs root: unshare, mount)"

# bash names itself after argv[0] ("bash: line 1: ..."), so run it as plain `bash`,
# found through PATH, and make sure that finds /usr/bin/bash.
[[ $(PATH=/usr/local/bin:/usr/bin:/bin type -P bash) == /usr/bin/bash ]] ||
  setup_fail "bash in PATH is not /usr/bin/bash"

cd /home/user
umask 022
exec timeout -k 2 10 setpriv --reuid=1000 --regid=1000 --clear-groups \
  env -i HOME=/home/user PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C.UTF-8 TZ=UTC \
  USER=user LOGNAME=user SHELL=/bin/bash TERM=dumb \
  bash -c "$script"
