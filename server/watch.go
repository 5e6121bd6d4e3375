package server

import (
	"context"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watcher waits after the last file event
// before reloading. Editors and git write several events per save; one
// reload per burst is enough.
const DefaultDebounce = 250 * time.Millisecond

// WatchDefinitions starts reloading the service whenever a YAML file under
// its definitions directory changes (debounced) and on SIGHUP, until ctx
// ends. The watches are in place when it returns, so a change made after
// the call is never missed. New subdirectories are watched as they appear.
// A failed reload is logged by Reload and leaves the previous set serving.
// When the directory cannot be watched (an inotify limit, a missing
// directory) the failure is logged and only SIGHUP reloads. The returned
// channel is closed when the watcher has stopped.
func (s *Service) WatchDefinitions(ctx context.Context, debounce time.Duration) <-chan struct{} {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := s.newWatcher()
	if err != nil {
		s.log.ErrorContext(ctx, "watch definitions failed; reload with SIGHUP after editing", "dir", s.dir, "err", err)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer signal.Stop(hup)
		if w != nil {
			defer w.Close()
		}
		s.watchLoop(ctx, w, hup, debounce)
	}()
	return done
}

func (s *Service) newWatcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := addTree(w, s.dir); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// watchLoop runs until ctx ends. A nil w means SIGHUP only.
func (s *Service) watchLoop(ctx context.Context, w *fsnotify.Watcher, hup <-chan os.Signal, debounce time.Duration) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w != nil {
		events, errs = w.Events, w.Errors
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			s.log.InfoContext(ctx, "SIGHUP received; reloading definitions", "dir", s.dir)
			s.Reload(ctx)
		case ev, ok := <-events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						s.log.ErrorContext(ctx, "watch new definitions subdirectory failed; reload with SIGHUP after changing it", "dir", ev.Name, "err", err)
					}
				}
			}
			if relevant(ev.Name) {
				timer.Reset(debounce)
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			s.log.ErrorContext(ctx, "definitions watcher failed; reload with SIGHUP until restarted", "dir", s.dir, "err", err)
		case <-timer.C:
			s.Reload(ctx)
		}
	}
}

// relevant reports whether an event path can change the definitions: a
// YAML file, or a directory (whose removal or rename drops files).
func relevant(path string) bool {
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") {
		return false
	}
	ext := filepath.Ext(base)
	return ext == ".yml" || ext == ".yaml" || ext == ""
}

// addTree watches dir and every subdirectory not starting with a dot, the
// same tree the loader reads.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(path)
	})
}
