package demo

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// CSVSink writes each table to <dir>/<table>.csv with a header row, values
// in canonical text (timestamps RFC 3339 in UTC with microseconds, money
// with two decimals, NULL as an empty field).
type CSVSink struct {
	files   map[*Table]*os.File
	writers map[*Table]*csv.Writer
	record  []string
}

// NewCSVSink creates dir and one CSV file per table in it.
func NewCSVSink(dir string) (*CSVSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create CSV directory %s: %w", dir, err)
	}
	s := &CSVSink{files: map[*Table]*os.File{}, writers: map[*Table]*csv.Writer{}}
	for _, t := range Tables {
		path := filepath.Join(dir, t.Name+".csv")
		f, err := os.Create(path)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
		s.files[t] = f
		w := csv.NewWriter(f)
		w.Write(t.ColumnNames())
		s.writers[t] = w
	}
	return s, nil
}

// Append writes one row.
func (s *CSVSink) Append(t *Table, row []any) error {
	s.record = formatRow(s.record, row)
	return s.writers[t].Write(s.record)
}

// Close flushes and closes every file and returns the first error.
func (s *CSVSink) Close() error {
	var first error
	for _, t := range Tables {
		if w := s.writers[t]; w != nil {
			w.Flush()
			if err := w.Error(); err != nil && first == nil {
				first = err
			}
		}
		if f := s.files[t]; f != nil {
			if err := f.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

func formatRow(record []string, row []any) []string {
	record = record[:0]
	for _, v := range row {
		record = append(record, formatValue(v))
	}
	return record
}

// HashSink computes a SHA-256 over every table's canonical CSV (header
// included), tables in Tables order, so equal hashes mean equal data.
type HashSink struct {
	hashes map[*Table]hash.Hash
	csv    map[*Table]*csv.Writer
	record []string
}

// NewHashSink returns an empty HashSink.
func NewHashSink() *HashSink {
	s := &HashSink{hashes: map[*Table]hash.Hash{}, csv: map[*Table]*csv.Writer{}}
	for _, t := range Tables {
		h := sha256.New()
		s.hashes[t] = h
		s.csv[t] = csv.NewWriter(h)
		s.csv[t].Write(t.ColumnNames())
	}
	return s
}

// Append hashes one row.
func (s *HashSink) Append(t *Table, row []any) error {
	s.record = formatRow(s.record, row)
	return s.csv[t].Write(s.record)
}

// Sum returns the hex SHA-256 of the per-table hashes in Tables order.
func (s *HashSink) Sum() string {
	all := sha256.New()
	for _, t := range Tables {
		s.csv[t].Flush()
		io.WriteString(all, t.Name+":"+hex.EncodeToString(s.hashes[t].Sum(nil))+"\n")
	}
	return hex.EncodeToString(all.Sum(nil))
}
