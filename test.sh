#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, then builds and runs every test.
# The tests start their own servers (PostgreSQL, Redis, Postfix, Dovecot) on free loopback ports and stop them afterwards.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests need, installed only when missing.
packages=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
[ -x /usr/bin/redis-server ] || packages+=(redis-server)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/sbin/postfix ] || packages+=(postfix)
[ -x /usr/lib/dovecot/imap ] || packages+=(dovecot-imapd)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]} ..."
  # Postfix asks how it is used; the tests run private instances, so the system one stays local only.
  printf '%s\n' "postfix postfix/main_mailer_type select Local only" "postfix postfix/mailname string parley.test" \
    | as_root debconf-set-selections
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi
# The private Postfix and Dovecot deliver into mailboxes owned by this user.
id vmail >/dev/null 2>&1 || as_root useradd --system --no-create-home --shell /usr/sbin/nologin vmail

# axe-core for the browser tests' accessibility check, exactly as locked.
npm ci --prefix tests/Parley.BrowserTests/axe --no-audit --no-fund --loglevel=error

# The messenger's JavaScript is type-checked (JSDoc, tsc --checkJs) and every language has every string.
npm ci --prefix tools/messenger-check --no-audit --no-fund --loglevel=error
npm --prefix tools/messenger-check run --silent check

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build Parley.slnx -c Release -nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Parley.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
echo "$(sum Passed) passed, $(sum Failed) failed"
exit $status
