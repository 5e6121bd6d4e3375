package testpg

import (
	"database/sql"
	"testing"
)

func TestSchemaIsSearchPath(t *testing.T) {
	dsn := Schema(t)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE probe (n int)`); err != nil {
		t.Fatal(err)
	}
	var schema string
	if err := db.QueryRow(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if len(schema) != 14 || schema[:2] != "t_" {
		t.Errorf("probe created in schema %q, want the test's t_ schema", schema)
	}
}
