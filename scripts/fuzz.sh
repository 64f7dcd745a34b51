#!/usr/bin/env bash
# Fuzzes manuscript loading (FuzzLoad) for SECONDS seconds (default 60), and
# EPUB writing (FuzzEPUB) and PDF layout (FuzzLayout) for twice that: they make
# a book of each input, some fifty times the cost of loading it (measured:
# about 10,000 inputs a second against 200 to 400), so the same seconds would
# buy them a fiftieth of the inputs.
#
# -fuzztime counts the baseline run of every seed too, so FuzzEPUB and
# FuzzLayout fuzz from 49 spec examples (the shortest and longest of each
# section) instead of all 652; `go test` without -fuzz still runs all of them.
# For each target the script prints go's last "fuzz: elapsed: ..., execs: N"
# line and how many of those executions were new inputs rather than baseline,
# and fails if a target fuzzed no new input: its time went to the baseline.
#
# A crasher fails the run and go test saves it under the package's
# testdata/fuzz/<target>/; commit it there and it runs as a regression test
# with every `go test`.
#
#   bash scripts/fuzz.sh 120
set -euo pipefail
cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
case "$seconds" in
''|*[!0-9]*|0) echo "usage: $0 [SECONDS>0]" >&2; exit 2 ;;
esac

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
failed=()
summary=()
for target in internal/manuscript:FuzzLoad:1 internal/epub:FuzzEPUB:2 internal/pdf:FuzzLayout:2; do
	IFS=: read -r pkg name factor <<<"$target"
	budget=$((seconds * factor))
	echo "== ${name} (./${pkg}) for ${budget}s"
	status=0
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "${budget}s" "./${pkg}" >"$log" 2>&1 || status=$?

	# The coordinator's progress lines; the last one is its final count, and
	# "execs" includes the one run of each baseline input.
	final="$(grep '^fuzz: elapsed: ' "$log" | tail -n 1 || true)"
	baseline="$(sed -n 's/^fuzz: elapsed: .*: [0-9]*\/\([0-9]*\) completed, now fuzzing.*/\1/p' "$log" | tail -n 1)"
	execs="$(printf '%s\n' "$final" | sed -n 's/^fuzz: elapsed: [^,]*, execs: \([0-9]*\) .*/\1/p')"
	fresh=0
	if [ -n "$baseline" ] && [ -n "$execs" ]; then
		fresh=$((execs - baseline))
	fi
	echo "   ${final:-no fuzzing output}"
	echo "   ${fresh} new inputs after a baseline of ${baseline:-unfinished}"
	summary+=("$(printf '%-11s %4ss  execs %9s  new %9s  baseline %s' "$name" "$budget" "${execs:-0}" "$fresh" "${baseline:-unfinished}")")

	if [ "$status" -ne 0 ]; then
		# A crasher (or a build failure): go's own account says which input
		# and where it saved it.
		tail -n 40 "$log"
		failed+=("${name}: go test failed")
	elif [ "$fresh" -le 0 ]; then
		tail -n 5 "$log"
		failed+=("${name}: no new inputs in ${budget}s; the baseline took it all")
	fi
done

echo "== fuzzing summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -ne 0 ]; then
	printf 'FAIL %s\n' "${failed[@]}" >&2
	exit 1
fi
