// Package cpubench is benchmark support: it reports the CPU time a
// benchmark's operation takes beside its wall time, because on a shared
// machine wall time measures the neighbours as much as the code.
package cpubench

import (
	"syscall"
	"testing"
	"time"
)

// cpuClock returns the CPU time the process has used, user and system.
func cpuClock() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Loop runs f in b.Loop and reports CPU time per operation as cpu-ns/op.
func Loop(b *testing.B, f func()) {
	n := 0
	start := cpuClock()
	for b.Loop() {
		f()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuClock()-start)/float64(n), "cpu-ns/op")
	}
}
