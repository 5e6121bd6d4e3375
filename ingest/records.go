package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// record is one input row: a value per plan column, nil for NULL.
type record struct {
	line   int
	values []*string
}

// recordReader yields records until io.EOF. A *RowError is a bad row the
// caller records before reading on; any other error ends the file.
type recordReader interface {
	next() (record, error)
}

// errBareQuote means the file has a quote inside an unquoted field, which
// strict CSV rejects; the loader reads such a file again with lazy quotes.
var errBareQuote = errors.New("bare quote in an unquoted field")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM drops a leading UTF-8 byte order mark, which spreadsheet exports
// often write and which would otherwise stick to the first header name.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	return br
}

// csvReader reads RFC 4180 CSV. encoding/csv handles CRLF line ends and
// quoted fields with embedded delimiters, quotes and line breaks.
type csvReader struct {
	r     *csv.Reader
	p     *plan
	index []int // input field index per plan column
	width int
}

func newCSVReader(in io.Reader, p *plan, lazy bool) (*csvReader, error) {
	r := csv.NewReader(skipBOM(in))
	r.Comma = p.delimiter
	r.LazyQuotes = lazy
	r.ReuseRecord = true
	c := &csvReader{r: r, p: p, index: make([]int, len(p.columns))}
	if !p.header {
		for i := range p.columns {
			c.index[i] = i
			c.width = len(p.columns)
		}
		return c, nil
	}
	head, err := r.Read()
	if err == io.EOF {
		return nil, errors.New("the file is empty: expected a header line")
	}
	if err != nil {
		return nil, headerError(err)
	}
	pos := map[string]int{}
	for i, h := range head {
		pos[strings.TrimSpace(h)] = i
	}
	for i, col := range p.columns {
		j, ok := pos[col.from]
		if !ok {
			return nil, fmt.Errorf("the header has no field %q for column %s (fields: %s)", col.from, col.name, strings.Join(head, ", "))
		}
		c.index[i] = j
	}
	c.width = len(head)
	return c, nil
}

func headerError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		return errBareQuote
	}
	return fmt.Errorf("read header: %w", err)
}

func (c *csvReader) next() (record, error) {
	fields, err := c.r.Read()
	if err == io.EOF {
		return record{}, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return record{}, errBareQuote
		case errors.Is(pe.Err, csv.ErrFieldCount):
			return record{}, &RowError{Line: pe.StartLine, Reason: fmt.Sprintf("has %d fields, the header has %d", len(fields), c.width)}
		default:
			// Quote errors leave the reader's position uncertain, so the
			// file ends here.
			return record{}, &RowError{Line: pe.StartLine, Reason: pe.Err.Error(), Fatal: true}
		}
	}
	if err != nil {
		return record{}, err
	}
	line, _ := c.r.FieldPos(0)
	rec := record{line: line, values: make([]*string, len(c.index))}
	for i, j := range c.index {
		if j >= len(fields) {
			return record{}, &RowError{Line: line, Reason: fmt.Sprintf("has %d fields, expected at least %d", len(fields), j+1)}
		}
		v := fields[j]
		if !c.p.nulls[v] {
			rec.values[i] = &v
		}
	}
	return rec, nil
}

// ndjsonReader reads one JSON object per line. Blank lines are skipped.
type ndjsonReader struct {
	s    *bufio.Scanner
	p    *plan
	line int
}

func newNDJSONReader(in io.Reader, p *plan) *ndjsonReader {
	s := bufio.NewScanner(skipBOM(in))
	s.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	return &ndjsonReader{s: s, p: p}
}

func (n *ndjsonReader) next() (record, error) {
	for n.s.Scan() {
		n.line++
		text := bytes.TrimSpace(n.s.Bytes())
		if len(text) == 0 {
			continue
		}
		return n.decode(text)
	}
	if err := n.s.Err(); err != nil {
		return record{}, fmt.Errorf("line %d: %w", n.line+1, err)
	}
	return record{}, io.EOF
}

func (n *ndjsonReader) decode(text []byte) (record, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return record{}, &RowError{Line: n.line, Reason: fmt.Sprintf("is not a JSON object: %v", err)}
	}
	rec := record{line: n.line, values: make([]*string, len(n.p.columns))}
	for i, col := range n.p.columns {
		v, ok := obj[col.from]
		if !ok || v == nil {
			continue
		}
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case json.Number:
			s = x.String()
		case bool:
			s = fmt.Sprint(x)
		default:
			return record{}, &RowError{Line: n.line, Column: col.name, Reason: fmt.Sprintf("field %q is a JSON object or array, expected a scalar", col.from)}
		}
		if !n.p.nulls[s] {
			rec.values[i] = &s
		}
	}
	return rec, nil
}
