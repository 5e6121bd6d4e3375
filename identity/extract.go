package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Extract reads the raw records of every carrier from the warehouse. Keys
// and identifier values are read as text (CAST AS VARCHAR), so an id stored
// as an integer keeps its exact digits. A NULL key skips the row; a NULL
// first-seen time means unknown.
func Extract(ctx context.Context, q queryer, carriers []Carrier) ([]RawRecord, error) {
	var out []RawRecord
	for _, c := range carriers {
		var err error
		if out, err = extractCarrier(ctx, q, c, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CarrierSQL returns the SELECT that reads one carrier. Names were checked
// to be plain SQL identifiers and are quoted, so they cannot inject SQL.
func CarrierSQL(c Carrier) string {
	cols := []string{"CAST(" + quoteName(c.Key) + " AS VARCHAR)"}
	if c.FirstSeen != "" {
		cols = append(cols, quoteName(c.FirstSeen))
	} else {
		cols = append(cols, "NULL")
	}
	for _, col := range c.Columns {
		cols = append(cols, "CAST("+quoteName(col.Column)+" AS VARCHAR)")
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + quoteName(c.Table)
}

func extractCarrier(ctx context.Context, q queryer, c Carrier, out []RawRecord) ([]RawRecord, error) {
	values := make([]sql.NullString, len(c.Columns))
	var (
		key       sql.NullString
		firstSeen any
	)
	dest := []any{&key, &firstSeen}
	for i := range values {
		dest = append(dest, &values[i])
	}
	err := scanRows(ctx, q, CarrierSQL(c), func(rows *sql.Rows) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if !key.Valid {
			return nil
		}
		seen, err := asTime(firstSeen)
		if err != nil {
			return fmt.Errorf("record %s:%s: column %s: %w", c.Source, key.String, c.FirstSeen, err)
		}
		r := RawRecord{Source: c.Source, Key: key.String, FirstSeen: seen, Country: c.Country}
		for i, v := range values {
			if v.Valid {
				r.Values = append(r.Values, RawValue{Type: c.Columns[i].Identifier, Raw: v.String})
			}
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read identity carrier %s from table %s: %w", c.Source, c.Table, err)
	}
	return out, nil
}

// quoteName double-quotes each part of a possibly schema-qualified name,
// which both DuckDB and PostgreSQL accept.
func quoteName(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return strings.Join(parts, ".")
}

// asTime reads a first-seen value: a date or timestamp as the drivers
// return it, or text in RFC 3339 or YYYY-MM-DD[ HH:MM:SS] form.
func asTime(v any) (time.Time, error) {
	switch t := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return t, nil
	case []byte:
		return parseTime(string(t))
	case string:
		return parseTime(t)
	}
	return time.Time{}, fmt.Errorf("first-seen value %v of type %T is not a date or timestamp", v, v)
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("first-seen value %q is not a date or timestamp: use a DATE or TIMESTAMP column", s)
}
