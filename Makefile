# imprint: `make` builds both editions of every manuscript; `make test` runs
# the tests. Everything else is optional. Only Go is needed for those two.
GO       ?= go
BIN      := bin/imprint
OUT      := dist
# A manuscript is a Markdown file under manuscript/ that opens with front
# matter; the bio beside it does not.
MANUSCRIPTS := $(sort $(shell for f in manuscript/*.md; do [ "$$(head -n1 "$$f")" = "---" ] && echo "$$f"; done))
SLUGS       := $(basename $(notdir $(MANUSCRIPTS)))
EDITIONS    := $(foreach s,$(SLUGS),$(OUT)/$(s).epub $(OUT)/$(s).pdf)
GO_SOURCES  := $(shell find cmd internal assets -name '*.go' -o -name '*.css' -o -name '*.dic' -o -name '*.trie' -o -name '*.txt' 2>/dev/null) go.mod go.sum
INPUTS      := $(wildcard manuscript/* assets/images/*)

.PHONY: all editions test tools check proof bench release clean

all: editions

editions: $(EDITIONS)

$(BIN): $(GO_SOURCES)
	$(GO) build -trimpath -o $@ ./cmd/imprint

# One rule makes both editions of a manuscript, so `make -j` builds
# manuscripts in parallel without building any of them twice.
$(OUT)/%.epub $(OUT)/%.pdf &: manuscript/%.md $(BIN) $(INPUTS)
	$(BIN) build -o $(OUT) $<

# The tests, then the fuzz targets: FuzzLoad for FUZZTIME seconds, FuzzEPUB
# and FuzzLayout for twice that (CI runs exactly this; `make test FUZZTIME=0`
# skips the fuzzing).
FUZZTIME ?= 15
test:
	$(GO) test ./...
	@if [ "$(FUZZTIME)" != 0 ]; then bash scripts/fuzz.sh $(FUZZTIME); fi

tools:
	bash scripts/tools.sh

check: editions
	bash scripts/check.sh $(OUT)

proof: editions
	@mkdir -p proof
	for s in $(SLUGS); do pdftoppm -r 110 -png $(OUT)/$$s.pdf proof/$$s; done
	@echo "proof pages in proof/"

bench: $(BIN)
	bash scripts/bench.sh

# The editions are dated by the last commit that touched the manuscripts, so
# the same commit always gives the same release (SHA256SUMS included).
release: $(BIN)
	SOURCE_DATE_EPOCH="$$(git log -1 --format=%ct -- manuscript 2>/dev/null)" $(BIN) release -o $(OUT) manuscript/

clean:
	rm -rf $(OUT) bin proof
