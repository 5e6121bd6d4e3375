package expr

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestWriteSQL(t *testing.T) {
	ts := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		cel      string
		duckdb   string
		postgres string
		args     []any
	}{
		{"equals string", "channel == 'paid'", `"channel" = ?`, `"channel" = $1`, []any{"paid"}},
		{"not equals", "channel != 'paid'", `"channel" <> ?`, `"channel" <> $1`, []any{"paid"}},
		{"less int", "visits < 3", `"visits" < ?`, `"visits" < $1`, []any{int64(3)}},
		{"less or equal", "visits <= 3", `"visits" <= ?`, `"visits" <= $1`, []any{int64(3)}},
		{"greater", "visits > -3", `"visits" > ?`, `"visits" > $1`, []any{int64(-3)}},
		{"greater or equal", "visits >= 3", `"visits" >= ?`, `"visits" >= $1`, []any{int64(3)}},
		{"and", "channel == 'a' && visits > 1", `("channel" = ? AND "visits" > ?)`, `("channel" = $1 AND "visits" > $2)`, []any{"a", int64(1)}},
		{"or", "channel == 'a' || visits > 1", `("channel" = ? OR "visits" > ?)`, `("channel" = $1 OR "visits" > $2)`, []any{"a", int64(1)}},
		{"parentheses kept", "(channel == 'a' || channel == 'b') && visits > 1",
			`(("channel" = ? OR "channel" = ?) AND "visits" > ?)`, `(("channel" = $1 OR "channel" = $2) AND "visits" > $3)`,
			[]any{"a", "b", int64(1)}},
		{"or inside and on the right", "visits > 1 && (channel == 'a' || channel == 'b')",
			`("visits" > ? AND ("channel" = ? OR "channel" = ?))`, `("visits" > $1 AND ("channel" = $2 OR "channel" = $3))`,
			[]any{int64(1), "a", "b"}},
		{"not", "!(channel == 'a')", `NOT ("channel" = ?)`, `NOT ("channel" = $1)`, []any{"a"}},
		{"not of group", "!(channel == 'a' && visits > 1)", `NOT ("channel" = ? AND "visits" > ?)`, `NOT ("channel" = $1 AND "visits" > $2)`, []any{"a", int64(1)}},
		{"in", "channel in ['a', 'b']", `"channel" IN (?, ?)`, `"channel" IN ($1, $2)`, []any{"a", "b"}},
		{"not in", "!(channel in ['a', 'b'])", `"channel" NOT IN (?, ?)`, `"channel" NOT IN ($1, $2)`, []any{"a", "b"}},
		{"in empty list", "channel in []", `FALSE`, `FALSE`, nil},
		{"not in empty list", "!(channel in [])", `TRUE`, `TRUE`, nil},
		{"starts with", "channel.startsWith('pa')", `"channel" LIKE ? ESCAPE '\'`, `"channel" LIKE $1 ESCAPE '\'`, []any{"pa%"}},
		{"ends with", "channel.endsWith('id')", `"channel" LIKE ? ESCAPE '\'`, `"channel" LIKE $1 ESCAPE '\'`, []any{"%id"}},
		{"contains", "channel.contains('ai')", `"channel" LIKE ? ESCAPE '\'`, `"channel" LIKE $1 ESCAPE '\'`, []any{"%ai%"}},
		{"like escaping", `channel.contains('5%_off\\now')`, `"channel" LIKE ? ESCAPE '\'`, `"channel" LIKE $1 ESCAPE '\'`, []any{`%5\%\_off\\now%`}},
		{"not like", "!channel.startsWith('a')", `NOT ("channel" LIKE ? ESCAPE '\')`, `NOT ("channel" LIKE $1 ESCAPE '\')`, []any{"a%"}},
		{"is null", "channel == null", `"channel" IS NULL`, `"channel" IS NULL`, nil},
		{"null first", "null == channel", `"channel" IS NULL`, `"channel" IS NULL`, nil},
		{"is not null", "channel != null", `"channel" IS NOT NULL`, `"channel" IS NOT NULL`, nil},
		{"not is null", "!(created_at == null)", `"created_at" IS NOT NULL`, `"created_at" IS NOT NULL`, nil},
		{"timestamp", "created_at >= timestamp('2024-01-01T00:00:00Z')",
			`"created_at" >= CAST(? AS TIMESTAMPTZ)`, `"created_at" >= CAST($1 AS TIMESTAMPTZ)`, []any{ts}},
		{"date", "day < date('2024-03-03')", `"day" < CAST(? AS DATE)`, `"day" < CAST($1 AS DATE)`, []any{"2024-03-03"}},
		{"timestamp column with date", "created_at >= date('2024-03-03')",
			`"created_at" >= CAST(? AS DATE)`, `"created_at" >= CAST($1 AS DATE)`, []any{"2024-03-03"}},
		{"date column with timestamp", "day >= timestamp('2024-01-01T00:00:00Z')",
			`"day" >= CAST(? AS TIMESTAMPTZ)`, `"day" >= CAST($1 AS TIMESTAMPTZ)`, []any{ts}},
		{"timestamp minus duration", "created_at > timestamp('2024-01-01T00:00:00Z') - duration('36h')",
			`"created_at" > (CAST(? AS TIMESTAMPTZ) - CAST(? AS INTERVAL))`, `"created_at" > (CAST($1 AS TIMESTAMPTZ) - CAST($2 AS INTERVAL))`,
			[]any{ts, "129600 seconds"}},
		{"column plus duration", "created_at + duration('1.5s') < timestamp('2024-01-01T00:00:00Z')",
			`("created_at" + CAST(? AS INTERVAL)) < CAST(? AS TIMESTAMPTZ)`, `("created_at" + CAST($1 AS INTERVAL)) < CAST($2 AS TIMESTAMPTZ)`,
			[]any{"1500000 microseconds", ts}},
		{"duration plus date column", "duration('24h') + day > date('2024-03-03')",
			`("day" + CAST(? AS INTERVAL)) > CAST(? AS DATE)`, `("day" + CAST($1 AS INTERVAL)) > CAST($2 AS DATE)`,
			[]any{"86400 seconds", "2024-03-03"}},
		{"decimal with double", "amount > 100.10", `"amount" > CAST(? AS DECIMAL(38,2))`, `"amount" > CAST($1 AS NUMERIC)`, []any{"100.10"}},
		{"decimal exponent", "amount > 1.5e-3", `"amount" > CAST(? AS DECIMAL(38,4))`, `"amount" > CAST($1 AS NUMERIC)`, []any{"0.0015"}},
		{"decimal negative", "amount > -1.50", `"amount" > CAST(? AS DECIMAL(38,2))`, `"amount" > CAST($1 AS NUMERIC)`, []any{"-1.50"}},
		{"decimal many digits", "amount == 12345678901234567890.123456789", `"amount" = CAST(? AS DECIMAL(38,9))`, `"amount" = CAST($1 AS NUMERIC)`, []any{"12345678901234567890.123456789"}},
		{"dates in list", "day in [date('2024-03-03'), date('2024-03-04')]", `"day" IN (CAST(? AS DATE), CAST(? AS DATE))`, `"day" IN (CAST($1 AS DATE), CAST($2 AS DATE))`, []any{"2024-03-03", "2024-03-04"}},
		{"decimal not null", "amount != null", `"amount" IS NOT NULL`, `"amount" IS NOT NULL`, nil},
		{"decimal negative with blank", "amount > - 0.1", `"amount" > CAST(? AS DECIMAL(38,1))`, `"amount" > CAST($1 AS NUMERIC)`, []any{"-0.1"}},
		{"decimal beyond float64", "amount > 0.1000000000000000000001", `"amount" > CAST(? AS DECIMAL(38,22))`, `"amount" > CAST($1 AS NUMERIC)`, []any{"0.1000000000000000000001"}},
		{"decimal with int", "amount == 100", `"amount" = ?`, `"amount" = $1`, []any{int64(100)}},
		{"decimal in list", "amount in [1, 2.50]", `"amount" IN (?, CAST(? AS DECIMAL(38,2)))`, `"amount" IN ($1, CAST($2 AS NUMERIC))`, []any{int64(1), "2.50"}},
		{"float with double", "score >= 0.5", `"score" >= ?`, `"score" >= $1`, []any{0.5}},
		{"float with int", "score == 1", `"score" = ?`, `"score" = $1`, []any{int64(1)}},
		{"int equals double", "visits == 2.0", `"visits" = CAST(? AS DOUBLE)`, `"visits" = CAST($1 AS DOUBLE PRECISION)`, []any{2.0}},
		{"int with double", "visits < 2.5", `"visits" < CAST(? AS DOUBLE)`, `"visits" < CAST($1 AS DOUBLE PRECISION)`, []any{2.5}},
		{"bool column", "active", `"active"`, `"active"`, nil},
		{"not bool column", "!active", `NOT ("active")`, `NOT ("active")`, nil},
		{"bool equals", "active == false", `"active" = ?`, `"active" = $1`, []any{false}},
		{"bool literal", "true", `CAST(? AS BOOLEAN)`, `CAST($1 AS BOOLEAN)`, []any{true}},
		{"literals only", "2 > 10", `CAST(? AS BIGINT) > CAST(? AS BIGINT)`, `CAST($1 AS BIGINT) > CAST($2 AS BIGINT)`, []any{int64(2), int64(10)}},
		{"string literal first", "'a' == channel", `? = "channel"`, `$1 = "channel"`, []any{"a"}},
		{"columns compared", "channel == region", `"channel" = "region"`, `"channel" = "region"`, nil},
		{"expression column", "full_name == 'a b' || full_name == null", `(("first" || ' ' || "last") = ? OR ("first" || ' ' || "last") IS NULL)`, `(("first" || ' ' || "last") = $1 OR ("first" || ' ' || "last") IS NULL)`, []any{"a b"}},
		{"injection is a bind value", `channel == "x'); DROP TABLE t;--"`, `"channel" = ?`, `"channel" = $1`, []any{"x'); DROP TABLE t;--"}},
	}
	env := testEnv(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range []struct{ dialect, want string }{{DuckDB, c.duckdb}, {Postgres, c.postgres}} {
				sql, args := render(t, env, c.cel, d.dialect)
				if sql != d.want {
					t.Errorf("%s SQL:\n got %s\nwant %s", d.dialect, sql, d.want)
				}
				if !reflect.DeepEqual(args, c.args) {
					t.Errorf("%s args: got %#v, want %#v", d.dialect, args, c.args)
				}
			}
		})
	}
}

func TestWriteSQLInjectionOnlyInArgs(t *testing.T) {
	const attack = "x'); DROP TABLE t;--"
	env := testEnv(t)
	for _, text := range []string{
		`channel == "x'); DROP TABLE t;--"`,
		`channel.contains("x'); DROP TABLE t;--")`,
		`channel in ["x'); DROP TABLE t;--"]`,
	} {
		sql, args := render(t, env, text, Postgres)
		if strings.Contains(sql, "DROP") || strings.Contains(sql, "'x") {
			t.Errorf("%s: SQL contains the value: %s", text, sql)
		}
		if len(args) != 1 || !strings.Contains(args[0].(string), attack) {
			t.Errorf("%s: args = %#v, want the value as the one bind argument", text, args)
		}
	}
}

func TestFilterNames(t *testing.T) {
	env := testEnv(t)
	f, diags := env.CompileText("region == 'eu' && (channel == 'a' || region == 'us') && created_at + duration('1h') > timestamp('2024-01-01T00:00:00Z')")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := []string{"channel", "created_at", "region"}
	if got := f.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

func TestWriteSQLColumnError(t *testing.T) {
	env := testEnv(t)
	f, diags := env.CompileText("unmapped_col == 'a'")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	_, err := f.WriteSQL(&sqlWriter{dialect: Postgres})
	if err == nil || !strings.Contains(err.Error(), `no column for "unmapped_col"`) {
		t.Errorf("WriteSQL error = %v, want the Column error", err)
	}
}

func TestWriteSQLUnknownDialect(t *testing.T) {
	env := testEnv(t)
	f, _ := env.CompileText("channel == 'a'")
	_, err := f.WriteSQL(&sqlWriter{dialect: "mysql"})
	if err == nil || !strings.Contains(err.Error(), `unknown SQL dialect "mysql"`) {
		t.Errorf("WriteSQL error = %v, want unknown dialect", err)
	}
}
