#!/usr/bin/env bash
# Runs each fuzz target for SECONDS seconds (default 60): manuscript loading
# (FuzzLoad), EPUB writing (FuzzEPUB) and PDF layout (FuzzLayout), each
# seeded with the 652 CommonMark spec examples. A crasher fails the run and
# go test saves it under the package's testdata/fuzz/<target>/; commit it
# there and it runs as a regression test with every `go test`.
#
#   bash scripts/fuzz.sh 120
set -euo pipefail
cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
case "$seconds" in
''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
for target in internal/manuscript:FuzzLoad internal/epub:FuzzEPUB internal/pdf:FuzzLayout; do
	pkg="./${target%%:*}"
	name="${target##*:}"
	echo "== ${name} (${pkg}) for ${seconds}s"
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "${seconds}s" "$pkg"
done
