package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/semantic/model"
)

func boolPtr(b bool) *bool { return &b }

// ordersSource declares orders.csv with the column kinds the tests cover.
func ordersSource() *model.Source {
	return &model.Source{
		Name: "orders",
		Location: model.Location{
			Table:      "orders",
			Files:      "orders*.csv",
			Format:     "csv",
			NullValues: []string{"N/A", "-"},
			Columns: []model.Column{
				{Name: "order_id", From: "Order ID", Type: "text", Nullable: boolPtr(false)},
				{Name: "customer", From: "Customer", Type: "text"},
				{Name: "amount", From: "Amount", Type: "decimal(12,2)"},
				{Name: "quantity", From: "Qty", Type: "integer"},
				{Name: "paid", From: "Paid", Type: "boolean"},
				{Name: "ordered_on", From: "Ordered", Type: "date", Format: "02/01/2006"},
				{Name: "shipped_at", From: "Shipped", Type: "timestamp"},
			},
		},
	}
}

// messyOrders has a BOM, CRLF line ends, quoted and unquoted fields, a
// quoted field with a delimiter, an escaped quote and a line break, blank
// fields and both null markers.
const messyOrders = "\uFEFF\"Order ID\",Customer,Amount,Qty,Paid,Ordered,Shipped\r\n" +
	"\"A1\",\"Smith, Jane\",12.50,3,true,31/12/2024,2025-01-02 10:00:00\r\n" +
	"A2,\"The \"\"Best\"\" Shop\",0.10,,False,01/01/2025,\r\n" +
	"\"A3\",N/A,,1,,-,2025-01-03T08:30:00\r\n" +
	"A4,\"two\nlines\",99999999.99,-2,1,15/06/2025,2025-06-15 23:59:59.5\r\n"

func TestLoadMessyCSV(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		res, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files) != 1 || res.Files[0].Rows != 4 || res.Files[0].LazyQuotes {
			t.Fatalf("files = %+v, want one file with 4 rows read strictly", res.Files)
		}
		got := queryStrings(t, e.db, `SELECT order_id, customer, CAST(amount AS TEXT), CAST(quantity AS TEXT), CAST(paid AS TEXT),
			CAST(ordered_on AS TEXT), CAST(shipped_at AS TEXT), _source_file FROM orders ORDER BY order_id`)
		want := [][]string{
			{"A1", "Smith, Jane", "12.50", "3", "true", "2024-12-31", "2025-01-02 10:00:00", "orders.csv"},
			{"A2", `The "Best" Shop`, "0.10", "NULL", "false", "2025-01-01", "NULL", "orders.csv"},
			{"A3", "NULL", "NULL", "1", "NULL", "NULL", "2025-01-03 08:30:00", "orders.csv"},
			{"A4", "two\nlines", "99999999.99", "-2", "true", "2025-06-15", "2025-06-15 23:59:59.5", "orders.csv"},
		}
		for i := range want {
			if i >= len(got) {
				t.Fatalf("got %d rows, want %d", len(got), len(want))
			}
			for j := range want[i] {
				if normalizeBool(got[i][j]) != want[i][j] {
					t.Errorf("row %d column %d = %q, want %q", i+1, j+1, got[i][j], want[i][j])
				}
			}
		}
		sum := queryStrings(t, e.db, `SELECT CAST(sum(amount) AS TEXT) FROM orders`)
		if sum[0][0] != "100000012.59" {
			t.Errorf("sum(amount) = %s, want exactly 100000012.59", sum[0][0])
		}
	})
}

// normalizeBool maps PostgreSQL's boolean text to DuckDB's.
func normalizeBool(s string) string {
	switch s {
	case "t":
		return "true"
	case "f":
		return "false"
	}
	return s
}

func TestLoadRejectsBadRows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", "Order ID,Customer,Amount,Qty,Paid,Ordered,Shipped\n"+
			"A1,x,1.00,1,true,01/01/2025,\n"+
			"A2,x,\"12,5\",1,true,01/01/2025,\n"+
			"A3,x,1.005,1,true,01/01/2025,\n"+
			",x,1,1,true,2025-01-01,\n"+
			"A5,x,1,one,maybe,01/01/2025,\n"+
			"A6,x,1\n")
		_, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir, MaxErrors: 5})
		var rej *RejectError
		if !errors.As(err, &rej) {
			t.Fatalf("err = %v, want a *RejectError", err)
		}
		want := []string{
			`orders.csv:3: column amount: "12,5" is not a decimal`,
			`orders.csv:4: column amount: "1.005" has 3 decimal places, more than the column's scale 2`,
			`orders.csv:5: column order_id: value is missing and the column is not nullable`,
			`orders.csv:5: column ordered_on: "2025-01-01" is not a date in layout "02/01/2006"`,
			`orders.csv:6: column quantity: "one" is not an integer`,
		}
		if len(rej.Rows) != len(want) {
			t.Fatalf("rejected rows:\n%v\nwant %d", err, len(want))
		}
		for i, w := range want {
			if rej.Rows[i].Error() != w {
				t.Errorf("error %d = %q, want %q", i+1, rej.Rows[i].Error(), w)
			}
		}
		if rej.Omitted != 2 {
			t.Errorf("omitted = %d, want 2 (boolean on line 6, field count on line 7)", rej.Omitted)
		}
		if !strings.Contains(err.Error(), "7 errors, nothing was loaded") {
			t.Errorf("message = %q, want the total and that nothing was loaded", err)
		}
		if n := countRows(t, e, "orders"); n > 0 {
			t.Errorf("orders has %d rows after a rejected load, want none", n)
		}
		if n := countRows(t, e, LedgerTable); n > 0 {
			t.Errorf("ledger has %d entries after a rejected load, want none", n)
		}
	})
}

func TestLoadSameFileTwice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		src := ordersSource()
		first, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		second, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if !second.Files[0].Skipped || second.Files[0].Rows != 0 {
			t.Errorf("second load = %+v, want the file skipped", second.Files[0])
		}
		if n := countRows(t, e, "orders"); n != 4 {
			t.Errorf("orders has %d rows after loading the same file twice, want 4", n)
		}
		if n := countRows(t, e, LedgerTable); n != 1 {
			t.Errorf("ledger has %d entries, want 1", n)
		}

		// A changed file replaces its earlier rows in the same load.
		writeFile(t, dir, "orders.csv", "Order ID,Customer,Amount,Qty,Paid,Ordered,Shipped\nB1,y,5.00,1,true,01/02/2025,\n")
		third, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if !third.Files[0].Replaced || third.Files[0].Rows != 1 {
			t.Errorf("third load = %+v, want 1 row replacing the earlier file", third.Files[0])
		}
		got := queryStrings(t, e.db, `SELECT order_id, _load_id FROM orders`)
		if len(got) != 1 || got[0][0] != "B1" || got[0][1] != third.LoadID {
			t.Errorf("orders = %v, want only B1 from load %s (first load was %s)", got, third.LoadID, first.LoadID)
		}
		if n := countRows(t, e, LedgerTable); n != 2 {
			t.Errorf("ledger has %d entries, want 2", n)
		}
		last, err := LastLoads(t.Context(), e.db, e.dialect)
		if err != nil {
			t.Fatal(err)
		}
		if l := last["orders"]; len(l) != 1 || l[0].ID != third.LoadID || l[0].Rows != 1 || l[0].File != "orders.csv" {
			t.Errorf("last loads = %+v, want load %s with 1 row", l, third.LoadID)
		}
	})
}

// cancelAfter cancels a context once the first progress report arrives.
type cancelAfter struct {
	cancel context.CancelFunc
	rows   int64
}

func (c *cancelAfter) StartFile(string, int64) {}
func (c *cancelAfter) EndFile()                {}
func (c *cancelAfter) Advance(_, rows int64) {
	if c.rows == 0 {
		c.rows = rows
		c.cancel()
	}
}

func TestLoadCancelledMidFile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		var b strings.Builder
		b.WriteString("Order ID,Customer,Amount,Qty,Paid,Ordered,Shipped\n")
		for i := range 5000 {
			fmt.Fprintf(&b, "O%d,c%d,%d.25,%d,true,01/01/2025,\n", i, i%7, i, i%5)
		}
		writeFile(t, dir, "orders.csv", b.String())
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		progress := &cancelAfter{cancel: cancel}
		_, err := Load(ctx, e.db, e.dialect, ordersSource(), Options{BaseDir: dir, Progress: progress})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if progress.rows == 0 || progress.rows >= 5000 {
			t.Fatalf("cancelled after %d rows, want mid-file", progress.rows)
		}
		if n := countRows(t, e, "orders"); n > 0 {
			t.Errorf("orders has %d rows after a cancelled load, want none", n)
		}
		if n := countRows(t, e, LedgerTable); n > 0 {
			t.Errorf("ledger has %d entries after a cancelled load, want none", n)
		}
	})
}

func TestLoadBareQuoteUsesLazyQuotes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", "Order ID,Customer,Amount,Qty,Paid,Ordered,Shipped\n"+
			"\"A1\",\"Quoted\",1,1,true,01/01/2025,\n"+
			"A2,Bob \"Bobby\" Jones,1,1,true,01/01/2025,\n")
		res, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Files[0].LazyQuotes || res.Files[0].Rows != 2 {
			t.Errorf("file = %+v, want 2 rows read with lazy quotes", res.Files[0])
		}
		got := queryStrings(t, e.db, `SELECT customer FROM orders ORDER BY order_id`)
		if len(got) != 2 || got[0][0] != "Quoted" || got[1][0] != `Bob "Bobby" Jones` {
			t.Errorf("customers = %v, want Quoted and the bare quotes kept", got)
		}
	})
}

func TestLoadNDJSON(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "events.ndjson", "{\"id\": 1, \"amount\": 10.125, \"kind\": \"click\", \"at\": \"2025-03-01T10:00:00+02:00\"}\r\n"+
			"\n"+
			"{\"id\": 2, \"amount\": null, \"kind\": \"\", \"at\": \"2025-03-01T08:00:00Z\", \"extra\": {\"x\": 1}}\n")
		src := &model.Source{Name: "events", Location: model.Location{Table: "events", Files: "*.ndjson", Format: "ndjson", Columns: []model.Column{
			{Name: "id", Type: "integer"},
			{Name: "amount", Type: "decimal(10,3)"},
			{Name: "kind", Type: "text"},
			{Name: "occurred_at", From: "at", Type: "timestamptz"},
		}}}
		if _, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		got := queryStrings(t, e.db, `SELECT CAST(id AS TEXT), CAST(amount AS TEXT), kind, CAST(extract(epoch FROM occurred_at) AS BIGINT) FROM events ORDER BY id`)
		want := [][]string{{"1", "10.125", "click", "1740816000"}, {"2", "NULL", "NULL", "1740816000"}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("events = %v, want %v", got, want)
		}
	})
}

func TestLoadWithoutHeaderBySemicolon(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "rates.txt", "EUR;1,5;2025-01-01\nUSD;-;2025-01-02\n")
		src := &model.Source{Name: "rates", Location: model.Location{
			Table: "rates", Files: "rates.txt", Delimiter: ";", Header: boolPtr(false), NullValues: []string{"-"},
			Columns: []model.Column{
				{Name: "currency", Type: "text"},
				{Name: "rate", Type: "text"},
				{Name: "day", Type: "date"},
			},
		}}
		if _, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		got := queryStrings(t, e.db, `SELECT currency, rate, CAST(day AS TEXT) FROM rates ORDER BY currency`)
		want := [][]string{{"EUR", "1,5", "2025-01-01"}, {"USD", "NULL", "2025-01-02"}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("rates = %v, want %v", got, want)
		}
	})
}

func TestLoadRejectsTableWithoutColumn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		if _, err := e.db.Exec(`CREATE TABLE orders (order_id TEXT)`); err != nil {
			t.Fatal(err)
		}
		_, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir})
		if err == nil || !strings.Contains(err.Error(), "table orders exists without column customer") {
			t.Fatalf("err = %v, want the missing column named", err)
		}
		if n := countRows(t, e, "orders"); n != 0 {
			t.Errorf("orders has %d rows, want 0", n)
		}
	})
}

func TestLoadRejectsBadLocation(t *testing.T) {
	cases := []struct {
		loc  model.Location
		want string
	}{
		{model.Location{Table: "t"}, "has no location.files"},
		{model.Location{Files: "x.csv"}, "location.table is missing"},
		{model.Location{Table: "a;drop", Files: "x.csv", Columns: []model.Column{{Name: "a"}}}, `invalid table "a;drop"`},
		{model.Location{Table: "t", Files: "x.csv", Format: "xlsx", Columns: []model.Column{{Name: "a"}}}, `unknown format "xlsx"`},
		{model.Location{Table: "t", Files: "x.csv", Columns: []model.Column{{Name: "a", Type: "money"}}}, `unknown column type "money"`},
		{model.Location{Table: "t", Files: "x.csv", Columns: []model.Column{{Name: "a", Type: "decimal(40,2)"}}}, `invalid column type "decimal(40,2)"`},
		{model.Location{Table: "t", Files: "x.csv", Columns: []model.Column{{Name: "a", Type: "text", Format: "2006"}}}, "format applies only to date and timestamp columns"},
		{model.Location{Table: "t", Files: "x.csv", Columns: []model.Column{{Name: "a"}, {Name: "a"}}}, `column "a" is declared twice`},
		{model.Location{Table: "t", Files: "missing-*.csv", Columns: []model.Column{{Name: "a"}}}, "no file matches"},
	}
	for _, c := range cases {
		src := &model.Source{Name: "s", Location: c.loc}
		_, err := Load(t.Context(), nil, DialectDuckDB, src, Options{BaseDir: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.loc, err, c.want)
		}
	}
}

func TestLoadConcurrentSameFile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				_, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir})
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		if n := countRows(t, e, "orders"); n != 4 {
			t.Errorf("orders has %d rows after four concurrent loads of one file, want 4", n)
		}
		if n := countRows(t, e, LedgerTable); n != 1 {
			t.Errorf("ledger has %d entries, want 1", n)
		}
	})
}

func TestLoadMovedDataDirSkips(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		first, second := t.TempDir(), t.TempDir()
		writeFile(t, first, "orders.csv", messyOrders)
		writeFile(t, second, "orders.csv", messyOrders)
		if _, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: first}); err != nil {
			t.Fatal(err)
		}
		res, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: second})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Files[0].Skipped || res.Files[0].File != "orders.csv" {
			t.Errorf("file = %+v, want orders.csv skipped after the data directory moved", res.Files[0])
		}
		if n := countRows(t, e, "orders"); n != 4 {
			t.Errorf("orders has %d rows, want 4", n)
		}
	})
}

func TestLoadIntoSchemaTable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		schema := fmt.Sprintf("ingest_test_%d", time.Now().UnixNano())
		t.Cleanup(func() { e.db.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE") })
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		src := ordersSource()
		src.Location.Table = schema + ".orders"
		if _, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		got := queryStrings(t, e.db, "SELECT count(*) FROM "+schema+".orders")
		if got[0][0] != "4" {
			t.Errorf("%s.orders has %s rows, want 4", schema, got[0][0])
		}
	})
}

func TestLoadDryRunWritesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "orders.csv", messyOrders)
		res, err := Load(t.Context(), e.db, e.dialect, ordersSource(), Options{BaseDir: dir, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files[0].Rows != 4 {
			t.Errorf("dry run rows = %d, want 4", res.Files[0].Rows)
		}
		if n := countRows(t, e, "orders"); n > 0 {
			t.Errorf("orders has %d rows after a dry run, want none", n)
		}
		if n := countRows(t, e, LedgerTable); n > 0 {
			t.Errorf("ledger has %d entries after a dry run, want none", n)
		}
	})
}
