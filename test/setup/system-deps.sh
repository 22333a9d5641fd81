#!/usr/bin/env bash
# Installs the real parts the tests drive (Debian's Chromium, git, nginx, Apache httpd, openpyxl
# for reading the workbook back, rdflib for parsing the DCAT files a second way, and a Java runtime
# for the Nu Html Checker), when missing.
# The web servers are only started by the tests themselves, as their own processes: no service is
# enabled or started here (Debian's packages would try to start one; policy-rc.d says no).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v git >/dev/null 2>&1 || missing+=(git)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
# Debian's own Python (it brings python3 along): a python3 earlier on PATH (pyenv) does not see it.
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing+=(python3-openpyxl)
/usr/bin/python3 -c 'import rdflib' >/dev/null 2>&1 || missing+=(python3-rdflib)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "The tests need: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the tests…" >&2
apt-get update -qq
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  # Removed again however the install ends.
  trap 'rm -f "$policy"' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
