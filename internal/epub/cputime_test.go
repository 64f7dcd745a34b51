package epub

import (
	"syscall"
	"testing"
	"time"
)

// cpuClock returns the CPU time the process has used, user and system.
// Benchmarks report it per operation as well as wall time: on a shared
// machine, wall time measures the neighbours as much as the code.
func cpuClock() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs f in b.Loop and reports CPU time per operation.
func loopCPU(b *testing.B, f func()) {
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
