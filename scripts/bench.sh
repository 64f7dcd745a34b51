#!/usr/bin/env bash
# bench.sh: how fast imprint builds, against pandoc, and at archive scale.
#
#   make bench            (or: bash scripts/bench.sh, after building bin/imprint)
#
# 1. The article, cold process every run: `imprint build` (EPUB + PDF, cover
#    included) alternated run by run with pandoc (EPUB), pandoc + WeasyPrint
#    (PDF) and pandoc + XeLaTeX (PDF) on the same manuscript, so a busy
#    machine slows every tool alike. Prints medians, ratios and peak RSS.
# 2. An archive: 100, 1,000 and 10,000 generated article-sized manuscripts
#    (cmd/mkarchive, deterministic), each size built with one
#    `imprint build` on every core; time, time per manuscript, peak RSS.
#
# Environment:
#   BENCH_RUNS=15           timed runs per tool (after one warm-up run each);
#                           0 skips the comparison and runs only the archive
#   BENCH_ARCHIVE_MAX=1000  largest archive built: 10000 adds the 10,000 run
#                           (several minutes on 2 cores); 0 skips the archive
#   BENCH_NO_INSTALL=1      do not apt-get install missing comparison tools
#   BENCH_TMP=/tmp          where archives and outputs go (never the repo)
#
# Only the comparison needs pandoc, WeasyPrint, XeLaTeX and GNU time; if they
# are missing and this runs as root, they are installed with apt-get. Missing
# tools are skipped, never faked. hyperfine is not used: it runs each command
# in a block, and this benchmark alternates them.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
IMPRINT=$ROOT/bin/imprint
MANUSCRIPT=manuscript/article.md
RUNS=${BENCH_RUNS:-15}
ARCHIVE_MAX=${BENCH_ARCHIVE_MAX:-1000}
TMPBASE=${BENCH_TMP:-/tmp}
WORK=$(mktemp -d "$TMPBASE/imprint-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "bench.sh needs bash 5 (EPOCHREALTIME)" >&2
	exit 1
fi
[ -x "$IMPRINT" ] || go build -trimpath -o "$IMPRINT" ./cmd/imprint

# --- tools -----------------------------------------------------------------
need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v weasyprint >/dev/null || need+=(weasyprint)
command -v xelatex >/dev/null || need+=(texlive-xetex texlive-fonts-recommended lmodern)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ] && [ -z "${BENCH_NO_INSTALL:-}" ]; then
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=$(command -v sudo || true)
	if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
		echo "installing ${need[*]} with apt-get (comparison only; imprint needs none of them)"
		$SUDO apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	else
		echo "not root: skipping the install of ${need[*]}"
	fi
fi

# now_us prints the wall clock in microseconds.
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

# median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# rss_and_cpu CMD...: peak resident set (MB) and CPU time (user+sys, ms)
# of one run, from GNU time -v.
rss_and_cpu() {
	if [ ! -x /usr/bin/time ]; then echo "n/a n/a"; return; fi
	/usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
	awk -F: '/Maximum resident set size/ {r=$2/1024} /User time|System time/ {c+=$2}
		END {printf "%.1f %.0f\n", r, c*1000}' "$WORK/time.txt"
}

# --- 1. the article, alternated ---------------------------------------------
names=(imprint)
cmds=("$IMPRINT build -q -o $WORK/imprint $MANUSCRIPT")
if command -v pandoc >/dev/null; then
	names+=(pandoc-epub)
	cmds+=("pandoc -o $WORK/pandoc.epub $MANUSCRIPT")
	if command -v weasyprint >/dev/null; then
		names+=(pandoc-weasyprint)
		cmds+=("pandoc --pdf-engine=weasyprint -o $WORK/weasy.pdf $MANUSCRIPT")
	fi
	if command -v xelatex >/dev/null; then
		names+=(pandoc-xelatex)
		cmds+=("pandoc --pdf-engine=xelatex -o $WORK/xelatex.pdf $MANUSCRIPT")
	fi
fi

echo "== imprint bench: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   $("$IMPRINT" --version)$(command -v pandoc >/dev/null && echo ", $(pandoc --version | head -1)")$(command -v weasyprint >/dev/null && echo ", WeasyPrint $(weasyprint --version 2>/dev/null | awk '{print $NF}')")$(command -v xelatex >/dev/null && echo ", $(xelatex --version | head -1 | cut -d' ' -f1-2)")"
if [ "$RUNS" -gt 0 ]; then
	echo
	echo "== $MANUSCRIPT: $RUNS alternated runs per tool, each a fresh process (after one warm-up run each)"
	for i in "${!cmds[@]}"; do
		: >"$WORK/t.${names[$i]}"
		if ! ${cmds[$i]} >"$WORK/out.${names[$i]}" 2>&1; then
			echo "${names[$i]} failed:" >&2
			cat "$WORK/out.${names[$i]}" >&2
			exit 1
		fi
	done
	for run in $(seq 1 "$RUNS"); do
		for i in "${!cmds[@]}"; do
			t0=$(now_us)
			status=0
			${cmds[$i]} >/dev/null 2>&1 || status=$?
			t1=$(now_us)
			echo $(((t1 - t0))) >>"$WORK/t.${names[$i]}"
			[ "$status" = 0 ] || echo "${names[$i]} exited with status $status" >>"$WORK/failures"
		done
	done
	if [ -s "$WORK/failures" ]; then
		echo "   WARNING: some runs exited non-zero (their times are included):"
		sort "$WORK/failures" | uniq -c | sed 's/^/     /'
	fi
	declare -A med rss cpu
	for n in "${names[@]}"; do
		med[$n]=$(awk '{print $1/1000}' "$WORK/t.$n" | median)
	done
	for i in "${!cmds[@]}"; do
		# shellcheck disable=SC2086
		read -r "rss[${names[$i]}]" "cpu[${names[$i]}]" < <(rss_and_cpu ${cmds[$i]})
	done
	printf "   %-20s %14s %12s %16s %14s\n" tool "median wall ms" "min ms" "CPU ms (1 run)" "peak RSS MB"
	for n in "${names[@]}"; do
		printf "   %-20s %14.1f %12.1f %16s %14s\n" "$n" "${med[$n]}" "$(awk '{print $1/1000}' "$WORK/t.$n" | sort -n | head -1)" "${cpu[$n]}" "${rss[$n]}"
	done
	echo "   (imprint builds both editions and the cover in its one run; each pandoc run makes one edition)"
	echo
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a/b}'; }
	if [ -n "${med[pandoc-epub]:-}" ]; then
		echo "   pandoc EPUB / imprint EPUB+PDF:                        $(ratio "${med[pandoc-epub]}" "${med[imprint]}")"
	fi
	if [ -n "${med[pandoc-weasyprint]:-}" ]; then
		both=$(awk -v a="${med[pandoc-epub]}" -v b="${med[pandoc-weasyprint]}" 'BEGIN {print a+b}')
		echo "   (pandoc EPUB + pandoc/WeasyPrint PDF) / imprint:       $(ratio "$both" "${med[imprint]}")   target >= 30x"
	fi
	if [ -n "${med[pandoc-xelatex]:-}" ]; then
		both=$(awk -v a="${med[pandoc-epub]}" -v b="${med[pandoc-xelatex]}" 'BEGIN {print a+b}')
		echo "   (pandoc EPUB + pandoc/XeLaTeX PDF) / imprint:          $(ratio "$both" "${med[imprint]}")"
	fi
	awk -v m="${med[imprint]}" -v r="${rss[imprint]}" 'BEGIN {
		printf "   imprint, both editions: %.1f ms (target <= 50 ms: %s), peak RSS %s MB (target <= 64 MB: %s)\n",
			m, (m <= 50 ? "met" : "NOT met"), r, (r+0 <= 64 ? "met" : "NOT met") }'
fi

# --- 2. the archive -----------------------------------------------------------
[ "$ARCHIVE_MAX" -gt 0 ] || exit 0
go build -trimpath -o "$WORK/mkarchive" ./cmd/mkarchive
echo
echo "== archive: generated article-sized manuscripts (cmd/mkarchive -seed 1), one 'imprint build' each, -j default ($(nproc) workers)"
printf "   %-12s %9s %15s %15s %13s %10s\n" manuscripts "wall s" "wall ms/each" "CPU ms/each" "peak RSS MB" editions
base=""
for n in 100 1000 10000; do
	[ "$n" -le "$ARCHIVE_MAX" ] || { echo "   $n: skipped (BENCH_ARCHIVE_MAX=$ARCHIVE_MAX)"; continue; }
	dir=$WORK/archive-$n out=$WORK/out-$n
	"$WORK/mkarchive" -n "$n" -seed 1 -o "$dir" -article "$MANUSCRIPT" -bio manuscript/bio.md -lead assets/images/lead.jpg
	sync
	t0=$(now_us)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v -o "$WORK/time.txt" "$IMPRINT" build -q -root "$dir" -o "$out" "$dir" || echo "   imprint build exited with status $?"
		peak=$(awk -F: '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time.txt")
		cpu=$(awk -F: -v n="$n" '/User time|System time/ {s+=$2} END {printf "%.1f", s*1000/n}' "$WORK/time.txt")
	else
		"$IMPRINT" build -q -root "$dir" -o "$out" "$dir" || echo "   imprint build exited with status $?"
		peak=n/a cpu=n/a
	fi
	t1=$(now_us)
	built=$(find "$out" -name '*.epub' -o -name '*.pdf' | wc -l)
	per=$(awk -v us=$((t1 - t0)) -v n="$n" 'BEGIN {printf "%.2f", us/1000/n}')
	printf "   %-12s %9.2f %15s %15s %13s %10s\n" "$n" "$(awk -v us=$((t1 - t0)) 'BEGIN {print us/1e6}')" "$per" "$cpu" "$peak" "$built"
	[ -n "$base" ] || base=$per
	rm -rf "$dir" "$out"
done
[ -z "$base" ] || echo "   linear growth means flat per-manuscript columns; target: 1,000 in <= 15 s on 2 cores"
