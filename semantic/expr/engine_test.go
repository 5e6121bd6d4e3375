package expr

import (
	"database/sql"
	"reflect"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	_ "github.com/lib/pq"

	"github.com/metricsd/metricsd/internal/testpg"
)

// engineRows are the rows every engine test filters. Row 4 is all NULL.
const engineRows = `
CREATE TABLE t (
	id INTEGER, channel TEXT, region TEXT, customer__region TEXT, amount DECIMAL(18,2),
	score DOUBLE PRECISION, visits BIGINT, active BOOLEAN, created_at TIMESTAMPTZ, day DATE,
	unmapped_col TEXT);
INSERT INTO t VALUES
	(1, 'paid', 'eu', 'eu', 100.10, 0.5, 3, TRUE, '2024-01-01 00:00:00+00', '2024-03-03', NULL),
	(2, '5%_off\now', 'us', 'us', 100.11, 1.5, 1, FALSE, '2023-12-30 00:00:00+00', '2024-03-01', NULL),
	(3, 'organic', 'eu', 'us', 0.1, 0.25, 10, TRUE, '2024-02-01 12:00:00+00', '2024-03-04', NULL),
	(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
`

// engineCases are filters with the ids of the rows they select, the same
// on every engine.
var engineCases = []struct {
	cel string
	ids []int
}{
	{"channel == 'paid'", []int{1}},
	{"channel != 'paid'", []int{2, 3}},
	{"channel == null", []int{4}},
	{"channel != null && region == 'eu'", []int{1, 3}},
	{"channel in ['paid', 'organic']", []int{1, 3}},
	{"!(channel in ['paid'])", []int{2, 3}},
	{"channel.startsWith('5%_')", []int{2}},
	{"channel.startsWith('5%x')", nil},
	{`channel.contains('\\n')`, []int{2}},
	{"channel.endsWith('ic')", []int{3}},
	{"amount > 100.10", []int{2}},
	{"amount >= 100.10", []int{1, 2}},
	{"amount == 0.1", []int{3}},
	{"amount < 1", []int{3}},
	{"score >= 0.5 && score < 1.5", []int{1}},
	{"visits < 2.5", []int{2}},
	{"visits >= 3 || active == false", []int{1, 2, 3}},
	{"active", []int{1, 3}},
	{"!active", []int{2}},
	{"created_at >= timestamp('2024-01-01T00:00:00Z')", []int{1, 3}},
	{"created_at >= timestamp('2024-01-01T01:00:00+01:00')", []int{1, 3}},
	{"created_at > timestamp('2024-01-01T00:00:00Z') - duration('36h')", []int{1, 3}},
	{"created_at > timestamp('2024-01-01T00:00:00Z') - duration('72h')", []int{1, 2, 3}},
	{"created_at + duration('24h') < timestamp('2024-01-01T00:00:00Z')", []int{2}},
	{"created_at >= date('2024-01-01')", []int{1, 3}},
	{"day <= date('2024-03-03')", []int{1, 2}},
	{"day > timestamp('2024-03-03T12:00:00Z')", []int{3}},
	{"day - duration('48h') >= date('2024-03-02')", []int{3}},
	{"channel == region || customer__region == region", []int{1, 2}},
	{"2 > 10", nil},
	{"true", []int{1, 2, 3, 4}},
	{"channel in []", nil},
	{`channel == "x'); DROP TABLE t;--"`, nil},
}

func TestFiltersOnDuckDB(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// TIMESTAMPTZ values compare as instants, but a DATE cast to TIMESTAMPTZ
	// takes the session time zone, so the tests pin it.
	if _, err := db.Exec("SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	runEngineCases(t, db, DuckDB)
}

func TestFiltersOnPostgres(t *testing.T) {
	db, err := sql.Open("postgres", testpg.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	runEngineCases(t, db, Postgres)
}

func runEngineCases(t *testing.T, db *sql.DB, dialect string) {
	t.Helper()
	if _, err := db.Exec(engineRows); err != nil {
		t.Fatalf("create rows: %v", err)
	}
	env := testEnv(t)
	for _, c := range engineCases {
		where, args := render(t, env, c.cel, dialect)
		ids, err := selectIDs(db, where, args)
		if err != nil {
			t.Errorf("%s: %v\nSQL: %s", c.cel, err, where)
			continue
		}
		if !reflect.DeepEqual(ids, c.ids) {
			t.Errorf("%s: got ids %v, want %v\nSQL: %s %v", c.cel, ids, c.ids, where, args)
		}
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != 4 {
		t.Errorf("table t has %d rows (%v) after the filters, want 4", n, err)
	}
}

func selectIDs(db *sql.DB, where string, args []any) ([]int, error) {
	rows, err := db.Query("SELECT id FROM t WHERE "+where+" ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
