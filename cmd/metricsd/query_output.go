package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
	"github.com/metricsd/metricsd/warehouse"
)

// writeResult prints res in format. CSV and JSON carry exact values; the
// table rounds metrics by their display format for reading.
func writeResult(w io.Writer, format string, cols []semantic.Column, res *warehouse.Result) error {
	if len(cols) != len(res.Columns) {
		return fmt.Errorf("the compiled query declares %d columns but the warehouse returned %d", len(cols), len(res.Columns))
	}
	switch format {
	case "csv":
		return writeCSV(w, cols, res)
	case "json":
		return writeJSON(w, cols, res)
	}
	return writeTable(w, cols, res)
}

func writeCSV(w io.Writer, cols []semantic.Column, res *warehouse.Result) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Name
	}
	cw.Write(header)
	record := make([]string, len(cols))
	for _, row := range res.Rows {
		for i, v := range row {
			record[i], _ = api.CellText(v, res.Columns[i].Type)
		}
		cw.Write(record)
	}
	cw.Flush()
	return cw.Error()
}

// jsonColumn describes a result column in JSON output.
type jsonColumn struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Type    string `json:"type"`
	Metric  string `json:"metric,omitempty"`
	Version int    `json:"version,omitempty"`
	// Format is the metric's display format, for clients that render.
	Format *jsonFormat `json:"format,omitempty"`
}

// jsonFormat is model.Format without source positions.
type jsonFormat struct {
	Type     string `json:"type"`
	Currency string `json:"currency,omitempty"`
	Decimals *int   `json:"decimals,omitempty"`
	Unit     string `json:"unit,omitempty"`
}

func formatOf(f *model.Format) *jsonFormat {
	if f == nil {
		return nil
	}
	return &jsonFormat{Type: f.Type, Currency: f.Currency, Decimals: f.Decimals, Unit: f.Unit}
}

// writeJSON writes {"columns": [...], "rows": [[...]]} with one row per
// line. Decimals are JSON strings so no digit is lost in a client that
// parses numbers as doubles; integers and floats are JSON numbers,
// timestamps RFC 3339 strings, NULL is null.
func writeJSON(w io.Writer, cols []semantic.Column, res *warehouse.Result) error {
	columns := make([]jsonColumn, len(cols))
	for i, c := range cols {
		columns[i] = jsonColumn{Name: c.Name, Kind: c.Kind, Type: c.Type, Metric: c.Metric, Version: c.Version, Format: formatOf(c.Format)}
	}
	head, err := json.Marshal(columns)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{\"columns\": %s,\n\"truncated\": %t,\n\"rows\": [", head, res.Truncated)
	values := make([]any, len(cols))
	for n, row := range res.Rows {
		for i, v := range row {
			values[i] = jsonValue(v, res.Columns[i].Type)
		}
		line, err := json.Marshal(values)
		if err != nil {
			return err
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	_, err = io.WriteString(w, b.String())
	return err
}

func jsonValue(v any, colType string) any {
	switch x := v.(type) {
	case *apd.Decimal:
		return x.Text('f')
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case time.Time:
		text, _ := api.CellText(x, colType)
		return text
	}
	return v
}

func writeTable(w io.Writer, cols []semantic.Column, res *warehouse.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	cells := make([]string, len(cols))
	for _, row := range res.Rows {
		for i, v := range row {
			cells[i] = displayValue(v, res.Columns[i].Type, cols[i].Format)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if res.Truncated {
		fmt.Fprintln(w, "(result truncated)")
	}
	fmt.Fprintf(w, "(%d rows)\n", len(res.Rows))
	return nil
}

// displayValue formats one table cell: metrics by their format (currency
// and number rounded half up to their decimals, percent as a percentage,
// duration in seconds as a Go duration), everything else as exact text.
func displayValue(v any, colType string, f *model.Format) string {
	if v == nil {
		return "NULL"
	}
	text, _ := api.CellText(v, colType)
	if f == nil {
		return text
	}
	d, _, err := apd.NewFromString(text)
	if err != nil {
		return text
	}
	switch f.Type {
	case "percent":
		d.Exponent += 2 // times 100, exactly
		return round(d, decimalsOr(f, 1)) + "%"
	case "duration":
		return durationText(d, f)
	case "currency":
		s := round(d, decimalsOr(f, 2))
		if f.Currency != "" {
			s += " " + f.Currency
		}
		return s
	}
	if f.Decimals != nil {
		return round(d, *f.Decimals)
	}
	return text
}

func decimalsOr(f *model.Format, fallback int) int {
	if f.Decimals != nil {
		return *f.Decimals
	}
	return fallback
}

// round rounds d half up to places decimals.
func round(d *apd.Decimal, places int) string {
	ctx := apd.BaseContext.WithPrecision(60)
	ctx.Rounding = apd.RoundHalfUp
	var out apd.Decimal
	if _, err := ctx.Quantize(&out, d, -int32(places)); err != nil {
		return d.Text('f')
	}
	return out.Text('f')
}

// durationText shows a duration metric, whose values are seconds. With a
// format unit (s, m, h or d) it prints the value in that unit, e.g. "14.7 d";
// without one it prints a Go duration such as "3m14s". Values too large for
// a Go duration print as seconds.
func durationText(d *apd.Decimal, f *model.Format) string {
	if f.Unit != "" {
		per := map[string]int64{"s": 1, "m": 60, "h": 3600, "d": 86400}[f.Unit]
		if per == 0 {
			return d.Text('f') + " s"
		}
		ctx := apd.BaseContext.WithPrecision(60)
		var scaled apd.Decimal
		if _, err := ctx.Quo(&scaled, d, apd.New(per, 0)); err != nil {
			return d.Text('f') + " s"
		}
		return round(&scaled, decimalsOr(f, 1)) + " " + f.Unit
	}
	seconds, err := d.Float64()
	if err != nil || math.Abs(seconds) > float64(math.MaxInt64/int64(time.Second)) {
		return d.Text('f') + " s"
	}
	return time.Duration(seconds * float64(time.Second)).Round(time.Second).String()
}
