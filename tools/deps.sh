# Sourced by kiosk/run and tests/run: installs the Debian 12 packages pictovox needs, only
# those missing, without asking anything (CI has no standard input).

PV_PKGS_BUILD="build-essential cmake pkg-config gettext
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libespeak-ng-dev espeak-ng-data
  libsqlite3-dev libyaml-dev libsodium-dev libcjson-dev libfribidi-dev libgettextpo-dev
  fonts-sil-andika fonts-noto-core"
# End-to-end tests and the benchmark: a real window without a display, clicks, screenshots, sound.
PV_PKGS_TEST="xvfb matchbox-window-manager xdotool imagemagick sox x11-utils python3 sqlite3 procps
  libx11-dev chromium"

pv_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "pictovox: installing ${missing[*]}" >&2
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "pictovox: run as root, or install: ${missing[*]}" >&2; return 1; }
		sudo="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}
