package server

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"github.com/metricsd/metricsd/server/api"
)

const xlsxSheet = "Sheet1"

// Excel stores every number as an IEEE 754 double and shows 15 significant
// digits, so a value is written as a numeric cell only when that is exact.
const (
	maxExactDigits = 15
	maxExactInt    = 1 << 53
)

// writeXLSX writes the result as one sheet: a bold header row, then one row
// per result row. Numbers become numeric cells when a double holds them
// exactly: integers up to 2^53, and decimals of at most 15 significant
// digits, which the file stores with their exact digits. Larger values
// become text cells, so no digit is lost. Metric columns take a number format from the
// metric's format (currency decimals, percent).
func writeXLSX(w io.Writer, res *api.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter(xlsxSheet)
	if err != nil {
		return err
	}
	styles, err := columnStyles(f, res.Columns)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	header := make([]any, len(res.Columns))
	for i, c := range res.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r, row := range res.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = excelize.Cell{StyleID: styles[i], Value: xlsxValue(v, res.Columns[i].Type)}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxValue converts a result value to what excelize writes: a number when
// Excel holds it exactly, else text.
func xlsxValue(v any, colType string) any {
	switch v := v.(type) {
	case int64:
		if v > -maxExactInt && v < maxExactInt {
			return v
		}
		return fmt.Sprint(v)
	case *apd.Decimal:
		if v == nil {
			return nil
		}
		return decimalCell(v)
	case time.Time:
		if colType == "date" {
			return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		}
		// Excel has no time zones: the cell shows the wall-clock time the
		// value carries.
		return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC)
	}
	return v
}

// decimalCell returns d as a float64 when it has at most 15 significant
// digits. excelize writes a float64 in the shortest form that reads back to
// the same double, and for such a decimal that form is the decimal's own
// digits, so the file holds the exact value.
func decimalCell(d *apd.Decimal) any {
	if d.Form != apd.Finite || d.NumDigits() > maxExactDigits {
		return d.Text('f')
	}
	f, err := d.Float64()
	if err != nil {
		return d.Text('f')
	}
	return f
}

// columnStyles returns an excelize style id per column (0 for the default).
func columnStyles(f *excelize.File, cols []api.Column) ([]int, error) {
	ids := make([]int, len(cols))
	for i, c := range cols {
		numFmt := numberFormat(c)
		if numFmt == "" {
			continue
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt})
		if err != nil {
			return nil, fmt.Errorf("number format %q of column %s: %w", numFmt, c.Name, err)
		}
		ids[i] = id
	}
	return ids, nil
}

// numberFormat maps a column to an Excel number format code.
func numberFormat(c api.Column) string {
	switch c.Type {
	case "date":
		return "yyyy-mm-dd"
	case "timestamp":
		return "yyyy-mm-dd hh:mm:ss"
	}
	if c.Format == nil {
		return ""
	}
	decimals := func(def int) string {
		n := def
		if c.Format.Decimals != nil {
			n = *c.Format.Decimals
		}
		if n <= 0 {
			return "0"
		}
		return "0." + strings.Repeat("0", n)
	}
	switch c.Format.Type {
	case "currency":
		return "#,##" + decimals(2)
	case "percent":
		return decimals(1) + "%"
	case "number":
		if c.Format.Decimals != nil {
			return "#,##" + decimals(0)
		}
	}
	return ""
}
