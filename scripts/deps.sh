#!/bin/sh
# deps.sh: make sure the Debian packages klankbord builds and tests with are installed.
# Usage: scripts/deps.sh [build|check|bench]
#   build: what `make` and `make run` need; check and bench: plus test tools, the sqlite3 shell,
#   xmllint, unzip and python3 (tests/e2e/qda.sh), and for tests/e2e/reports.sh python3
#   (reads the CSV back, checks the HTML), headless chromium (renders the HTML report) and
#   cmark-gfm (renders the Markdown report).
# As root it installs what is missing with apt-get; otherwise it prints the exact command and fails.
set -eu
want=${1:-build}
pkgs=""
need_pkg() { # need_pkg PACKAGE TEST-COMMAND...
	p=$1; shift
	if ! "$@" >/dev/null 2>&1; then pkgs="$pkgs $p"; fi
}
need_pkg pkg-config      command -v pkg-config
need_pkg make            command -v make
need_pkg gcc             command -v cc
need_pkg libncurses-dev  pkg-config --exists ncursesw
need_pkg libsqlite3-dev  pkg-config --exists sqlite3
need_pkg libyaml-dev     pkg-config --exists yaml-0.1
if [ "$want" = check ] || [ "$want" = bench ]; then
	need_pkg libcmocka-dev   pkg-config --exists cmocka
	need_pkg tmux            command -v tmux
	need_pkg clang           command -v clang
	need_pkg libclang-rt-dev sh -c 'ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a'
	need_pkg sqlite3         command -v sqlite3
	# tests/e2e/qda.sh: xmllint validates the REFI-QDA exports against their schemas,
	# unzip tests the .qdpx archive, python3 runs tests/e2e/qda_check.py.
	need_pkg libxml2-utils   command -v xmllint
	need_pkg unzip           command -v unzip
	need_pkg python3         command -v python3
	# tests/e2e/reports.sh: headless chromium renders the HTML report, cmark-gfm the Markdown one.
	need_pkg chromium        command -v chromium
	need_pkg cmark-gfm       command -v cmark-gfm
fi
[ -z "$pkgs" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing:$pkgs" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $pkgs >&2
else
	echo "deps: missing packages:$pkgs" >&2
	echo "deps: run:  sudo apt-get install -y$pkgs" >&2
	exit 1
fi
