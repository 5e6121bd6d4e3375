package server

import (
	"encoding/csv"
	"io"

	"github.com/metricsd/metricsd/server/api"
)

// writeCSV writes a header row of column names and one record per row.
// Decimals keep every digit, integers are written in full and SQL NULL is an
// empty field.
func writeCSV(w io.Writer, res *api.Result) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, len(res.Columns))
	for _, row := range res.Rows {
		for i, v := range row {
			record[i], _ = api.CellText(v, res.Columns[i].Type)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
