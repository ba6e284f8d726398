# Sourced by start.sh and test.sh: what a fresh Debian 12 machine needs before Snapforge runs,
# installed when missing. Every function works from the workspace root.

SNAPFORGE_DEBIAN_PACKAGES=(nats-server docker.io docker-registry busybox-static)

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
mkdir -p .snapforge

snapforge_say() {
  printf 'runner │ %s\n' "$*"
}

is_root_on_debian() {
  [ "$(id -u)" = 0 ] && [ -r /etc/os-release ] && grep -qx 'ID=debian' /etc/os-release
}

# Debian package names not installed; elsewhere, the packages whose programs are missing.
missing_debian_packages() {
  local package
  for package in "${SNAPFORGE_DEBIAN_PACKAGES[@]}"; do
    if command -v dpkg-query >/dev/null; then
      [ "$(dpkg-query -W -f '${db:Status-Status}' "$package" 2>/dev/null)" = installed ] || echo "$package"
    else
      case "$package" in
        docker.io) command -v dockerd >/dev/null || echo "$package" ;;
        busybox-static) [ -x /bin/busybox ] || echo "$package" ;;
        *) command -v "$package" >/dev/null || echo "$package" ;;
      esac
    fi
  done
}

ensure_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! is_root_on_debian; then
    snapforge_say "missing: ${missing[*]}. This runner installs them only as root on Debian 12."
    snapforge_say "Install by hand the Debian packages (or your system's equivalents): ${SNAPFORGE_DEBIAN_PACKAGES[*]},"
    snapforge_say "plus Node.js >= 20 with npm; then run this again."
    return 1
  fi
  snapforge_say "installing Debian packages: ${missing[*]}"
  # Keep the packages' own services from starting: a stock dockerd would create the docker0 bridge.
  local policy=/usr/sbin/policy-rc.d own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  local status=0
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" || status=$?
  [ -n "$own_policy" ] && rm -f "$policy"
  [ "$status" -eq 0 ] || return "$status"
  if [[ " ${missing[*]} " == *" docker.io "* ]] && [ -d /run/systemd/system ]; then
    # Socket activation would start that stock dockerd on the first connection; we start our own.
    systemctl disable --now docker.socket docker.service >/dev/null 2>&1 || true
  fi
}

ensure_node() {
  if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
    snapforge_say "Node.js >= 20 is needed (found: $(node --version 2>/dev/null || echo none))"
    return 1
  fi
}

ensure_node_modules() {
  case "$(node tools/runner/node-modules-state.mjs)" in
    current) return 0 ;;
    ci)
      snapforge_say 'node_modules is missing or differs from package-lock.json: npm ci'
      npm ci --no-audit --no-fund
      ;;
    *)
      snapforge_say 'package.json and package-lock.json differ: npm install'
      npm install --no-audit --no-fund
      ;;
  esac
}

# Everything both scripts need before they can run the compiled code in dist/.
snapforge_prepare() {
  ensure_node && ensure_debian_packages && ensure_node_modules && npm run --silent build
}
