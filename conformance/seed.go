package conformance

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Seed creates the case's tables in db and inserts their rows. Every value
// travels as a bind parameter cast to the column type, so the CSV text is
// parsed by the database exactly as a loader would.
func Seed(ctx context.Context, db *sql.DB, c *Case) error {
	for _, t := range c.Tables {
		if err := seedTable(ctx, db, t); err != nil {
			return fmt.Errorf("seed table %s: %w", t.Name, err)
		}
	}
	return nil
}

func seedTable(ctx context.Context, db *sql.DB, t Table) error {
	defs := make([]string, len(t.Columns))
	casts := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		typ, err := sqlType(col.Type)
		if err != nil {
			return err
		}
		defs[i] = quoteIdent(col.Name) + " " + typ
		casts[i] = fmt.Sprintf("CAST($%d AS %s)", i+1, typ)
	}
	create := fmt.Sprintf("CREATE TABLE %s (%s)", quoteIdent(t.Name), strings.Join(defs, ", "))
	if _, err := db.ExecContext(ctx, create); err != nil {
		return err
	}
	insert := fmt.Sprintf("INSERT INTO %s VALUES (%s)", quoteIdent(t.Name), strings.Join(casts, ", "))
	for n, row := range t.Rows {
		args := make([]any, len(row))
		for i, field := range row {
			if field != nil {
				args[i] = *field
			}
		}
		if _, err := db.ExecContext(ctx, insert, args...); err != nil {
			return fmt.Errorf("CSV row %d: %w", n+2, err)
		}
	}
	return nil
}

// quoteIdent quotes a name already checked against namePattern.
func quoteIdent(name string) string {
	return `"` + name + `"`
}
