// Package testpg gives tests a PostgreSQL schema of their own. Tests that
// need PostgreSQL skip when no server is reachable, except under CI=true,
// where an unreachable server fails the test.
package testpg

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/lib/pq" // PostgreSQL driver
)

// DefaultURL is used when METRICSD_TEST_POSTGRES is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL returns the server URL for tests: METRICSD_TEST_POSTGRES or DefaultURL.
func URL() string {
	if u := os.Getenv("METRICSD_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultURL
}

// Schema creates an empty schema for the calling test and returns a URL whose
// connections use it as search_path. The schema is dropped when the test
// ends.
func Schema(t testing.TB) string {
	t.Helper()
	base := URL()
	db, err := sql.Open("postgres", base)
	if err == nil {
		err = pingWithin(db, 5*time.Second)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required under CI=true: %v", redact(base), err)
		}
		t.Skipf("PostgreSQL at %s not reachable: %v", redact(base), err)
	}
	buf := make([]byte, 6)
	rand.Read(buf)
	schema := "t_" + hex.EncodeToString(buf)
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", redact(base), err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func pingWithin(db *sql.DB, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- db.Ping() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return os.ErrDeadlineExceeded
	}
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the configured URL"
	}
	return u.Redacted()
}
