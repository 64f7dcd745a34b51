package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// tuneGC trades memory the build has to spare for less collection: a build
// allocates several times what it keeps (every stream is compressed into a
// new buffer), so the default GOGC=100 collects often for little. A
// generous soft limit holds until limitMemory knows what is being built.
// GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}

// Memory a build needs live: a base for the binary, the fonts and the
// pools, and for each manuscript being built some bytes for every byte of
// it (a 10 MB manuscript holds about 360 MB at its peak).
const (
	baseMemory    = 48 << 20
	bytesPerInput = 48
)

// limitMemory sets the soft memory limit for building paths with jobs
// workers (0: one per core): enough for the largest manuscript in every
// worker at once, so the collector never runs without pause, and no more,
// so that GOGC=400 cannot let an archive of small manuscripts grow to
// hundreds of megabytes. GOMEMLIMIT, when set, wins.
func limitMemory(paths []string, jobs int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var largest int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Size() > largest {
			largest = fi.Size()
		}
	}
	debug.SetMemoryLimit(memoryLimit(largest, workers(jobs, len(paths))))
}

// memoryLimit is the soft limit for workers building manuscripts of at
// most largest bytes each.
func memoryLimit(largest int64, workers int) int64 {
	return baseMemory + int64(workers)*bytesPerInput*largest
}

func workers(jobs, manuscripts int) int {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	return max(1, min(jobs, manuscripts))
}
