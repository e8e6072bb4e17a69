#!/bin/sh
# Installs what the real-terminal completion tests type into: bash-completion, zsh and fish.
# Uses the machine's package manager (apt-get, as root or through passwordless sudo); where
# there is none, or it fails, it says so and exits 0: those tests then skip the missing shells.
missing=""
for shell in zsh fish; do
    command -v "$shell" >/dev/null 2>&1 || missing="$missing $shell"
done
[ -f /usr/share/bash-completion/bash_completion ] || missing="$missing bash-completion"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-shells: no apt-get here; not installing:$missing (their tests will skip)"
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "install-test-shells: not root and no passwordless sudo; not installing:$missing"
    exit 0
fi
echo "install-test-shells: installing$missing"
if ! { $run apt-get update -qq && DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq $missing; } >/dev/null 2>&1; then
    echo "install-test-shells: apt-get failed; the tests will skip what is missing"
fi
exit 0
