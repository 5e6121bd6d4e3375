package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// terminalProgress draws one byte-based progress bar per file.
type terminalProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// newTerminalProgress returns a progress display on w, or nil when w is not
// a terminal, so that logs and pipes get no control characters.
func newTerminalProgress(w io.Writer) *terminalProgress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &terminalProgress{w: w}
}

func (p *terminalProgress) StartFile(file string, size int64) {
	p.bar = progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(file),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000), // 100ms
	)
}

func (p *terminalProgress) Advance(bytes, rows int64) {
	if p.bar != nil {
		p.bar.Set64(bytes)
	}
}

func (p *terminalProgress) EndFile() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
