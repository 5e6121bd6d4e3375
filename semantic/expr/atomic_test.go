package expr

import "testing"

func TestAtomicSQL(t *testing.T) {
	cases := map[string]bool{
		`"channel"`:                             true,
		`t."channel"`:                           true,
		`"t"."a""b"`:                            true,
		`channel`:                               true,
		`date_trunc('month', "t"."created_at")`: true,
		`CAST("t"."day" AS TIMESTAMP)`:          true,
		`("a" || "b")`:                          true,
		`"a" || "b"`:                            false,
		`CASE WHEN "a" THEN 1 END`:              false,
		`"day"::date`:                           false,
		`f("a") + 1`:                            false,
		`("a") OR ("b")`:                        false,
		`f(')')`:                                true,
		``:                                      false,
	}
	for sql, want := range cases {
		if got := atomicSQL(sql); got != want {
			t.Errorf("atomicSQL(%q) = %v, want %v", sql, got, want)
		}
	}
}
