package demo

import (
	"fmt"
	"strings"
)

// Kind is the type of a demo column.
type Kind int

// Column kinds and the Go type of their values in a row (nil is NULL).
const (
	KindInt         Kind = iota // int64
	KindText                    // string
	KindTimestampTZ             // time.Time in UTC
	KindDate                    // Day
	KindMoney                   // Money
)

// Column is one column of a demo table.
type Column struct {
	Name string
	Kind Kind
}

// Table is a demo table. Its rows are []any in column order.
type Table struct {
	Name    string
	Columns []Column
}

// The demo tables, in the order Tables lists them.
var (
	AdSpend = &Table{"ad_spend", []Column{
		{"day", KindDate}, {"channel", KindText}, {"campaign", KindText},
		{"spend", KindMoney}, {"impressions", KindInt}, {"clicks", KindInt},
		{"platform_conversions", KindInt}, {"platform_conversion_value", KindMoney},
	}}
	Leads = &Table{"leads", []Column{
		{"lead_id", KindInt}, {"created_at", KindTimestampTZ}, {"email", KindText}, {"phone", KindText},
		{"utm_source", KindText}, {"utm_medium", KindText}, {"utm_campaign", KindText},
		{"channel", KindText}, {"score", KindInt}, {"customer_id", KindText},
	}}
	Activities = &Table{"activities", []Column{
		{"activity_id", KindInt}, {"lead_id", KindInt}, {"occurred_at", KindTimestampTZ}, {"kind", KindText},
	}}
	Deals = &Table{"deals", []Column{
		{"deal_id", KindInt}, {"lead_id", KindInt}, {"customer_id", KindText}, {"created_at", KindTimestampTZ},
		{"closed_at", KindTimestampTZ}, {"status", KindText}, {"amount", KindMoney},
	}}
	Invoices = &Table{"invoices", []Column{
		{"invoice_id", KindInt}, {"deal_id", KindInt}, {"customer_id", KindText}, {"issued_at", KindTimestampTZ},
		{"due_on", KindDate}, {"amount", KindMoney}, {"status", KindText},
	}}
	Payments = &Table{"payments", []Column{
		{"payment_id", KindInt}, {"invoice_id", KindInt}, {"paid_at", KindTimestampTZ},
		{"amount", KindMoney}, {"status", KindText},
	}}
	LedgerEntries = &Table{"ledger_entries", []Column{
		{"entry_id", KindInt}, {"invoice_id", KindInt}, {"booked_on", KindDate},
		{"account", KindText}, {"amount", KindMoney},
	}}
)

// Tables lists every demo table.
var Tables = []*Table{AdSpend, Leads, Activities, Deals, Invoices, Payments, LedgerEntries}

// sqlType is the column type in dialect "duckdb" or "postgres". Money is
// DECIMAL(14,2): 12 integer digits cover any sum the benchmark scales make.
func sqlType(k Kind, dialect string) string {
	switch k {
	case KindInt:
		return "BIGINT"
	case KindText:
		if dialect == "postgres" {
			return "TEXT"
		}
		return "VARCHAR"
	case KindTimestampTZ:
		return "TIMESTAMPTZ"
	case KindDate:
		return "DATE"
	case KindMoney:
		return "DECIMAL(14,2)"
	}
	panic(fmt.Sprintf("demo: unknown column kind %d", k))
}

// CreateSQL returns the CREATE TABLE statement for t in dialect.
func (t *Table) CreateSQL(dialect string) string {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = fmt.Sprintf("%s %s", c.Name, sqlType(c.Kind, dialect))
	}
	return fmt.Sprintf("CREATE TABLE %s (%s)", t.Name, strings.Join(cols, ", "))
}

// ColumnNames returns the column names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}
