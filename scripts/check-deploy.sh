#!/usr/bin/env bash
# Checks the deployment files that docs/operations.md installs, as far as a machine without a
# running systemd or a certificate can: systemd-analyze verify on the units, nginx -t on the site
# (inside a minimal main config, with a self-signed certificate in place of the real one).
# Run by .ci/run; needs systemd-analyze, openssl, and nginx or Debian's apt to fetch it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "systemd units"
if command -v systemd-analyze >/dev/null; then
  # A template is verified as an instance. --man=no: the manual pages are not installed here.
  cp 'deploy/shangliang@.service' "$work/shangliang@3000.service"
  cp deploy/shangliang-backup.service deploy/shangliang-backup.timer "$work/"
  # The user and paths of the units exist only on a real server: verify reads the unit syntax,
  # the executables and the timer's calendar.
  # verify only warns about a value it cannot parse, and ignores it: any word from it fails.
  said=$(systemd-analyze verify --man=no "$work/shangliang@3000.service" "$work/shangliang-backup.service" "$work/shangliang-backup.timer" 2>&1)
  if [ -n "$said" ]; then echo "$said" >&2; exit 1; fi
  systemd-analyze calendar '*-*-* 02:30:00' >/dev/null
else
  echo "systemd-analyze not installed: units not verified" >&2
  exit 1
fi

echo "nginx site"
nginx_bin=$(command -v nginx || true)
if [ -z "$nginx_bin" ]; then
  # The binary only, unpacked from Debian's package: installing the package would start a server.
  (cd "$work" && { apt-get download nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get download nginx >/dev/null; }; } && dpkg -x nginx_*.deb nginx)
  nginx_bin=$work/nginx/usr/sbin/nginx
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj '/CN=zx.example.gov.cn' -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
sed "s#/etc/ssl/shangliang/#$work/#" deploy/nginx.conf > "$work/site.conf"
mkdir -p "$work/logs"
cat > "$work/nginx-main.conf" <<CONF
pid $work/nginx.pid;
error_log $work/logs/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/site.conf;
}
CONF
"$nginx_bin" -t -p "$work" -c "$work/nginx-main.conf"
echo "deployment files ok"
