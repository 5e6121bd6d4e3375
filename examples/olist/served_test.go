package olist_test

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// servedCase is a query the example serves and hand-written SQL over the
// loaded tables that must return the same rows (group keys first, then the
// metrics in query order).
type servedCase struct {
	name  string
	query query.Query
	sql   string
}

var servedCases = []servedCase{
	{
		name:  "leads and close rate by origin",
		query: query.Query{Metrics: []string{"leads", "closed_deals", "close_rate"}, GroupBy: []string{"lead__origin"}},
		sql: `SELECT m.origin, count(*), count(d.mql_id), CAST(count(d.mql_id) AS DOUBLE PRECISION) / count(*)
			FROM olist_mql m LEFT JOIN olist_closed_deals d ON d.mql_id = m.mql_id
			GROUP BY m.origin`,
	},
	{
		name:  "leads and close rate by landing page",
		query: query.Query{Metrics: []string{"leads", "close_rate"}, GroupBy: []string{"lead__landing_page_id"}},
		sql: `SELECT m.landing_page_id, count(*), CAST(count(d.mql_id) AS DOUBLE PRECISION) / count(*)
			FROM olist_mql m LEFT JOIN olist_closed_deals d ON d.mql_id = m.mql_id
			GROUP BY m.landing_page_id`,
	},
	{
		name:  "leads by first contact month",
		query: query.Query{Metrics: []string{"leads"}, GroupBy: []string{"metric_time__month"}},
		sql: `SELECT CAST(date_trunc('month', CAST(first_contact_date AS TIMESTAMP)) AS DATE), count(*)
			FROM olist_mql GROUP BY 1`,
	},
	{
		name:  "booked and collected value by origin",
		query: query.Query{Metrics: []string{"booked_value", "collected_value", "selling_sellers"}, GroupBy: []string{"lead__origin"}},
		sql: `WITH lines AS (
				SELECT i.order_id, i.seller_id, i.price + i.freight_value AS line_value FROM olist_order_items i
			), per_seller AS (
				SELECT order_id, seller_id, sum(line_value) AS booked FROM lines GROUP BY order_id, seller_id
			), per_order AS (
				SELECT order_id, sum(line_value) AS booked FROM lines GROUP BY order_id
			), paid AS (
				SELECT order_id, sum(payment_value) AS paid FROM olist_order_payments GROUP BY order_id
			)
			SELECT m.origin,
			       sum(ps.booked),
			       sum(CASE WHEN po.booked = ps.booked THEN coalesce(p.paid, 0)
			                ELSE CAST(CAST(coalesce(p.paid, 0) * ps.booked AS DOUBLE PRECISION) / CAST(po.booked AS DOUBLE PRECISION) AS DECIMAL(14,2)) END),
			       count(DISTINCT ps.seller_id)
			FROM olist_closed_deals d
			JOIN olist_mql m ON m.mql_id = d.mql_id
			JOIN per_seller ps ON ps.seller_id = d.seller_id
			JOIN per_order po ON po.order_id = ps.order_id
			JOIN olist_orders o ON o.order_id = ps.order_id
			LEFT JOIN paid p ON p.order_id = ps.order_id
			GROUP BY m.origin`,
	},
	{
		name:  "totals",
		query: query.Query{Metrics: []string{"leads", "closed_deals", "booked_value", "collected_value"}},
		sql: `SELECT (SELECT count(*) FROM olist_mql),
			(SELECT count(*) FROM olist_closed_deals),
			(SELECT sum(i.price + i.freight_value) FROM olist_order_items i JOIN olist_closed_deals d ON d.seller_id = i.seller_id),
			(SELECT sum(CASE WHEN po.booked = ps.booked THEN coalesce(p.paid, 0)
			                 ELSE CAST(CAST(coalesce(p.paid, 0) * ps.booked AS DOUBLE PRECISION) / CAST(po.booked AS DOUBLE PRECISION) AS DECIMAL(14,2)) END)
			 FROM (SELECT order_id, seller_id, sum(price + freight_value) AS booked FROM olist_order_items GROUP BY 1, 2) ps
			 JOIN olist_closed_deals d ON d.seller_id = ps.seller_id
			 JOIN (SELECT order_id, sum(price + freight_value) AS booked FROM olist_order_items GROUP BY 1) po ON po.order_id = ps.order_id
			 LEFT JOIN (SELECT order_id, sum(payment_value) AS paid FROM olist_order_payments GROUP BY 1) p ON p.order_id = ps.order_id)`,
	},
}

// TestOlistServedNumbers compiles each query with the semantic engine, runs
// it, and compares every number with hand-written SQL over the raw loaded
// tables, on each engine.
func TestOlistServedNumbers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dsn string) {
		w, set, _ := loadOlist(t, dsn)
		m, diags := semantic.Build(set)
		if m == nil {
			t.Fatalf("build: %v", diags.Err())
		}
		for _, c := range servedCases {
			t.Run(c.name, func(t *testing.T) {
				compiled, diags := semantic.Compile(m, c.query, w.Dialect())
				if compiled == nil {
					t.Fatalf("compile: %v", diags.Err())
				}
				served := runRows(t, w, compiled.SQL, compiled.Args)
				want := runRows(t, w, c.sql, nil)
				compareRows(t, served, want)
			})
		}
		t.Run("lead to close time", func(t *testing.T) {
			q := query.Query{Metrics: []string{"lead_to_close_median", "lead_to_close_p90"}, GroupBy: []string{"lead__origin"}}
			compiled, diags := semantic.Compile(m, q, w.Dialect())
			if compiled == nil {
				t.Fatalf("compile: %v", diags.Err())
			}
			served := runRows(t, w, compiled.SQL, compiled.Args)
			want := runRows(t, w, leadToCloseSQL, nil)
			compareRows(t, served, want)
		})
	})
}

// runRows runs q and returns each row as normalized text, sorted.
func runRows(t *testing.T, w *warehouse.Warehouse, q string, args []any) []string {
	t.Helper()
	res, err := w.Query(t.Context(), q, args)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	out := make([]string, 0, len(res.Rows))
	for _, row := range res.Rows {
		vals := make([]string, len(row))
		for i, v := range row {
			vals[i] = normalize(v)
		}
		out = append(out, strings.Join(vals, " | "))
	}
	sort.Strings(out)
	return out
}

// normalize prints a value so both engines and both queries agree:
// decimals without trailing zeros, floats to 12 significant digits (the
// ratio is one DOUBLE division on each side) and times in UTC.
func normalize(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case *apd.Decimal:
		var r apd.Decimal
		r.Reduce(x)
		return r.Text('f')
	case float64:
		return strconv.FormatFloat(x, 'g', 12, 64)
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	}
	return fmt.Sprint(v)
}

func compareRows(t *testing.T, served, want []string) {
	t.Helper()
	if len(served) != len(want) {
		t.Errorf("served %d rows, hand-written SQL returns %d", len(served), len(want))
	}
	for i := 0; i < len(served) && i < len(want); i++ {
		if served[i] != want[i] {
			t.Errorf("row %d: served %q, hand-written SQL %q", i+1, served[i], want[i])
		}
	}
	if len(want) == 0 {
		t.Error("hand-written SQL returned no rows")
	}
}

// leadToCloseSQL is the median and 90th percentile, per origin, of the
// seconds from each lead's first contact date (midnight) to its earliest
// won deal. Leads without a deal have no lag and drop out of both; an
// origin whose leads never closed gets NULL.
const leadToCloseSQL = `WITH won AS (
		SELECT mql_id, min(won_date) AS won_at FROM olist_closed_deals GROUP BY mql_id
	), lag AS (
		SELECT m.origin, CAST(extract(epoch FROM won.won_at) AS DOUBLE PRECISION)
			- CAST(extract(epoch FROM CAST(m.first_contact_date AS TIMESTAMP)) AS DOUBLE PRECISION) AS seconds
		FROM olist_mql m LEFT JOIN won ON won.mql_id = m.mql_id
	)
	SELECT origin, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
		percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
	FROM lag GROUP BY origin`
