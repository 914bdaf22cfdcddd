package bench

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// peakMemory polls /proc for processes running the binary exe and records the highest
// VmHWM (peak resident set) any of them reached, and how many there were.
type peakMemory struct {
	exe  string
	stop chan struct{}
	done sync.WaitGroup

	mu    sync.Mutex
	peak  int64 // KiB
	procs map[int]bool
}

// watchMemory starts polling every interval until stop is called.
func watchMemory(exe string, interval time.Duration) *peakMemory {
	p := &peakMemory{exe: exe, stop: make(chan struct{}), procs: map[int]bool{}}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			p.poll()
			select {
			case <-p.stop:
				p.poll()
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// finish stops polling and returns the peak in KiB and the number of processes seen.
func (p *peakMemory) finish() (int64, int) {
	close(p.stop)
	p.done.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.peak, len(p.procs)
}

func (p *peakMemory) poll() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != p.exe {
			continue
		}
		hwm := vmHWM(pid)
		p.mu.Lock()
		p.procs[pid] = true
		p.peak = max(p.peak, hwm)
		p.mu.Unlock()
	}
}

// vmHWM reads a process's peak resident set size in KiB (0 if it is gone).
func vmHWM(pid int) int64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) > 0 {
				kib, _ := strconv.ParseInt(fields[0], 10, 64)
				return kib
			}
		}
	}
	return 0
}
