package main

import "testing"

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		largest         int64
		jobs, count     int
		atLeast, atMost int64
		why             string
	}{
		{10 << 10, 2, 1000, 48 << 20, 50 << 20, "an archive of articles stays near the base"},
		{10 << 20, 1, 1, 480 << 20, 600 << 20, "a 10 MB book gets room for its ~360 MB peak"},
		{10 << 20, 4, 2, 960 << 20, 1100 << 20, "two such books at once get room for both, not for four"},
	} {
		got := memoryLimit(c.largest, workers(c.jobs, c.count))
		if got < c.atLeast || got > c.atMost {
			t.Errorf("%s: limit %d MiB, want %d to %d MiB", c.why, got>>20, c.atLeast>>20, c.atMost>>20)
		}
	}
}
