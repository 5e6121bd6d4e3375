package warehouse_test

import (
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/warehouse"
)

// roundTripDDL uses types both engines spell the same way.
const roundTripDDL = `CREATE TABLE round_trip (
	id INTEGER, amount NUMERIC(18,2), big BIGINT, happened_at TIMESTAMPTZ,
	wall TIMESTAMP, day DATE, label TEXT, flag BOOLEAN, ratio DOUBLE PRECISION)`

func TestRoundTripExactValues(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			mustExec(t, w, roundTripDDL)
			at := time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC)
			mustExec(t, w, `INSERT INTO round_trip VALUES ($1, CAST($2 AS NUMERIC(18,2)), $3, $4, CAST($5 AS TIMESTAMP), CAST($6 AS DATE), $7, $8, $9)`,
				1, "90071992547409.93", int64(9007199254740993), at, "2025-03-30 02:30:00", "2025-03-30", "Über", true, 0.25)

			res := mustQuery(t, w, `SELECT amount, big, happened_at, wall, day, label, flag, ratio, amount + CAST('0.01' AS NUMERIC(18,2)) AS plus_cent FROM round_trip`)
			wantTypes := []string{"decimal", "integer", "timestamptz", "timestamp", "date", "string", "boolean", "float", "decimal"}
			for i, want := range wantTypes {
				if got := res.Columns[i].Type; got != want {
					t.Errorf("column %s type = %q (%s), want %q", res.Columns[i].Name, got, res.Columns[i].DatabaseType, want)
				}
			}
			row := res.Rows[0]
			if d, ok := row[0].(*apd.Decimal); !ok || d.String() != "90071992547409.93" {
				t.Errorf("amount = %v (%T), want decimal 90071992547409.93", row[0], row[0])
			}
			if row[1] != int64(9007199254740993) {
				t.Errorf("big = %v (%T), want int64 9007199254740993", row[1], row[1])
			}
			if ts, ok := row[2].(time.Time); !ok || !ts.Equal(at) || ts.Location() != time.UTC {
				t.Errorf("at = %v, want %v in UTC", row[2], at)
			}
			if ts, ok := row[3].(time.Time); !ok || ts != time.Date(2025, 3, 30, 2, 30, 0, 0, time.UTC) {
				t.Errorf("wall = %v, want wall clock 2025-03-30 02:30:00 labelled UTC", row[3])
			}
			if row[4] != "2025-03-30" {
				t.Errorf("day = %v, want 2025-03-30", row[4])
			}
			if row[5] != "Über" || row[6] != true || row[7] != 0.25 {
				t.Errorf("label, flag, ratio = %v, %v, %v; want Über, true, 0.25", row[5], row[6], row[7])
			}
			if d, ok := row[8].(*apd.Decimal); !ok || d.String() != "90071992547409.94" {
				t.Errorf("amount + 0.01 = %v, want 90071992547409.94", row[8])
			}
		})
	}
}

func TestRoundTripNullInEveryType(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			mustExec(t, w, roundTripDDL)
			mustExec(t, w, `INSERT INTO round_trip VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
			res := mustQuery(t, w, `SELECT * FROM round_trip`)
			wantTypes := []string{"integer", "decimal", "integer", "timestamptz", "timestamp", "date", "string", "boolean", "float"}
			for i, c := range res.Columns {
				if c.Type != wantTypes[i] {
					t.Errorf("column %s type = %q, want %q", c.Name, c.Type, wantTypes[i])
				}
				if v := res.Rows[0][i]; v != nil {
					t.Errorf("column %s = %v (%T), want nil", c.Name, v, v)
				}
			}
		})
	}
}

// TestTimestampTZAcrossDST stores instants around both Europe/Berlin
// changes of 2025 and reads them back with the session zone set to Berlin:
// the instants must come back unchanged in UTC, and the engine's own
// conversion must show the skipped and the repeated wall hour.
func TestTimestampTZAcrossDST(t *testing.T) {
	instants := []struct {
		at   time.Time
		wall string // Europe/Berlin wall clock
	}{
		{time.Date(2025, 3, 30, 0, 59, 59, 0, time.UTC), "2025-03-30 01:59:59"},
		{time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC), "2025-03-30 03:00:00"},
		{time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC), "2025-10-26 02:30:00"},
		{time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC), "2025-10-26 02:30:00"},
	}
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{MaxOpenConns: 1})
			mustExec(t, w, `SET TimeZone = 'Europe/Berlin'`)
			mustExec(t, w, `CREATE TABLE events (id INTEGER, happened_at TIMESTAMPTZ)`)
			for i, in := range instants {
				mustExec(t, w, `INSERT INTO events VALUES ($1, $2)`, i, in.at)
			}
			res := mustQuery(t, w, `SELECT happened_at, CAST(timezone('Europe/Berlin', happened_at) AS TIMESTAMP) AS wall FROM events ORDER BY id`)
			for i, in := range instants {
				got, ok := res.Rows[i][0].(time.Time)
				if !ok || !got.Equal(in.at) || got.Location() != time.UTC {
					t.Errorf("instant %d = %v, want %v in UTC", i, res.Rows[i][0], in.at)
				}
				wall, _ := res.Rows[i][1].(time.Time)
				if s := wall.Format(time.DateTime); s != in.wall {
					t.Errorf("instant %d Berlin wall clock = %s, want %s", i, s, in.wall)
				}
			}
		})
	}
}

// TestDuckDBHugeintIsDecimal checks that SUM over BIGINT, which DuckDB types
// HUGEINT, stays exact past 2^63.
func TestDuckDBHugeintIsDecimal(t *testing.T) {
	w := openOrFail(t, "duckdb:", warehouse.Options{})
	res := mustQuery(t, w, `SELECT SUM(x) AS total FROM (VALUES (9223372036854775807), (9223372036854775807)) v(x)`)
	if c := res.Columns[0]; c.Type != "decimal" || c.DatabaseType != "HUGEINT" {
		t.Fatalf("column = %+v, want decimal from HUGEINT", c)
	}
	if d, ok := res.Rows[0][0].(*apd.Decimal); !ok || d.String() != "18446744073709551614" {
		t.Errorf("SUM = %v, want 18446744073709551614", res.Rows[0][0])
	}
}

// TestSessionTimeZoneIsUTC checks that casting a zone-less timestamp to
// TIMESTAMPTZ reads it as UTC on both engines, whatever the machine's zone.
func TestSessionTimeZoneIsUTC(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			res := mustQuery(t, w, `SELECT CAST(TIMESTAMP '2026-07-01 12:00:00' AS TIMESTAMPTZ) AS noon`)
			want := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
			if got, ok := res.Rows[0][0].(time.Time); !ok || !got.Equal(want) {
				t.Errorf("noon = %v, want %v", res.Rows[0][0], want)
			}
		})
	}
}

// TestIntervalTextMatches checks that both engines print an interval the
// same way.
func TestIntervalTextMatches(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			res := mustQuery(t, w, `SELECT INTERVAL '1 day 2 hours 3 minutes 4.5 seconds' AS span, INTERVAL '5 minutes' AS sla`)
			if c := res.Columns[0]; c.Type != "interval" {
				t.Errorf("span type = %q (%s), want interval", c.Type, c.DatabaseType)
			}
			if got := res.Rows[0][0]; got != "1 day 02:03:04.5" {
				t.Errorf("span = %q, want 1 day 02:03:04.5", got)
			}
			if got := res.Rows[0][1]; got != "00:05:00" {
				t.Errorf("sla = %q, want 00:05:00", got)
			}
		})
	}
}

func TestMaxRowsTruncates(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{MaxRows: 3})
			res := mustQuery(t, w, `SELECT x FROM (VALUES (1), (2), (3), (4), (5)) AS v(x) ORDER BY x`)
			if len(res.Rows) != 3 || !res.Truncated {
				t.Errorf("got %d rows, truncated %v; want 3 rows, truncated", len(res.Rows), res.Truncated)
			}
			exact := mustQuery(t, w, `SELECT x FROM (VALUES (1), (2), (3)) AS v(x)`)
			if len(exact.Rows) != 3 || exact.Truncated {
				t.Errorf("3-row result: %d rows, truncated %v; want 3, not truncated", len(exact.Rows), exact.Truncated)
			}
		})
	}
}

// TestBindParametersKeepDecimals binds a decimal string and an int64 above
// 2^53 and reads them back through arithmetic in SQL.
func TestBindParametersKeepDecimals(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			res := mustQuery(t, w, `SELECT CAST($1 AS DECIMAL(18,2)) * 2 AS doubled, CAST($2 AS BIGINT) + 1 AS next`, "45035996273704.97", int64(9007199254740993))
			if d, ok := res.Rows[0][0].(*apd.Decimal); !ok || d.Text('f') != "90071992547409.94" {
				t.Errorf("doubled = %v, want 90071992547409.94", res.Rows[0][0])
			}
			if res.Rows[0][1] != int64(9007199254740994) {
				t.Errorf("next = %v, want 9007199254740994", res.Rows[0][1])
			}
		})
	}
}
