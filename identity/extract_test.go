package identity

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

func TestExtractCarrier(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		stmts := []string{
			`CREATE TABLE leads (id BIGINT, created_at TIMESTAMP, created_on DATE, email TEXT, phone TEXT)`,
			`INSERT INTO leads VALUES
				(10, '2026-03-01 08:30:00', '2026-03-01', ' Ann@Acme.com ', '(807) 422-9031'),
				(11, NULL, NULL, NULL, '0352 6553537'),
				(NULL, '2026-03-02 00:00:00', '2026-03-02', 'x@acme.com', NULL)`,
		}
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		c := Carrier{Source: "crm_leads", Table: "leads", Key: "id", FirstSeen: "created_at", Country: "IT",
			Columns: []CarrierColumn{{"email", "email"}, {"phone", "phone"}}}
		raws, err := Extract(context.Background(), db, []Carrier{c})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			`crm_leads:10 2026-03-01T08:30:00Z IT [{email  Ann@Acme.com } {phone (807) 422-9031}]`,
			`crm_leads:11 0001-01-01T00:00:00Z IT [{phone 0352 6553537}]`,
		}
		var got []string
		for _, r := range raws {
			got = append(got, fmt.Sprintf("%s:%s %s %s %v", r.Source, r.Key, r.FirstSeen.UTC().Format(time.RFC3339), r.Country, r.Values))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("records:\n%v\nwant:\n%v", got, want)
		}

		c.FirstSeen = "created_on" // a DATE column
		raws, err = Extract(context.Background(), db, []Carrier{c})
		if err != nil {
			t.Fatal(err)
		}
		if !raws[0].FirstSeen.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("first seen from a DATE = %s; want 2026-03-01", raws[0].FirstSeen)
		}

		c.FirstSeen = "email" // text that is not a time
		if _, err := Extract(context.Background(), db, []Carrier{c}); err == nil {
			t.Error("Extract with a text first-seen column: no error; want one naming the value")
		}
	})
}
