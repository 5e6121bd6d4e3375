package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Bookkeeping columns added to every loaded table.
const (
	loadIDColumn     = "_load_id"
	sourceFileColumn = "_source_file"
)

// createTable creates the target table when it does not exist and checks
// that an existing one has every declared column.
func createTable(ctx context.Context, tx runner, dialect string, p *plan) error {
	if p.table.schema != "" {
		if _, err := tx.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+quoteIdent(p.table.schema)); err != nil {
			return fmt.Errorf("create schema %s: %w", p.table.schema, err)
		}
	}
	var defs []string
	for _, c := range p.columns {
		def := quoteIdent(c.name) + " " + c.typ.SQL()
		if !c.nullable {
			def += " NOT NULL"
		}
		defs = append(defs, def)
	}
	defs = append(defs, quoteIdent(loadIDColumn)+" TEXT NOT NULL", quoteIdent(sourceFileColumn)+" TEXT NOT NULL")
	q := fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s)", p.table.SQL(), strings.Join(defs, ", "))
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("create table %s: %w", p.table, err)
	}
	have, err := tableColumns(ctx, tx, dialect, p.table)
	if err != nil {
		return err
	}
	for _, name := range append(columnNames(p), loadIDColumn, sourceFileColumn) {
		if !have[name] {
			return fmt.Errorf("table %s exists without column %s: add the column or drop the table so ingest recreates it", p.table, name)
		}
	}
	return nil
}

func columnNames(p *plan) []string {
	names := make([]string, len(p.columns))
	for i, c := range p.columns {
		names[i] = c.name
	}
	return names
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// tableColumns returns the column names of a table, empty when it does
// not exist. A table without a schema is looked up in the current schema.
func tableColumns(ctx context.Context, q queryer, dialect string, t tableName) (map[string]bool, error) {
	schema := "current_schema()"
	args := []any{t.name}
	if t.schema != "" {
		schema = "$2"
		args = append(args, t.schema)
	}
	rows, err := q.QueryContext(ctx, "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = "+schema, args...)
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", t, err)
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read columns of %s: %w", t, err)
		}
		cols[name] = true
	}
	return cols, rows.Err()
}

// TableExists reports whether a table (written as table or schema.table)
// exists in the warehouse.
func TableExists(ctx context.Context, db *sql.DB, dialect, table string) (bool, error) {
	t, err := parseTableName(table)
	if err != nil {
		return false, err
	}
	cols, err := tableColumns(ctx, db, dialect, t)
	return len(cols) > 0, err
}

// QuoteTable returns a validated table name (table or schema.table) quoted
// for SQL.
func QuoteTable(table string) (string, error) {
	t, err := parseTableName(table)
	if err != nil {
		return "", err
	}
	return t.SQL(), nil
}

// QuoteIdent quotes a column name after checking that it is a plain
// identifier.
func QuoteIdent(name string) (string, error) {
	if !identPattern.MatchString(name) {
		return "", fmt.Errorf("invalid column name %q: use letters, digits and underscores", name)
	}
	return quoteIdent(name), nil
}
