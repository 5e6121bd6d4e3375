package resolve

import "testing"

func TestParseIntervalUnits(t *testing.T) {
	cases := map[string]Interval{
		"7 days":    {N: 7, Unit: "day"},
		"1 week":    {N: 7, Unit: "day"},
		"2w":        {N: 14, Unit: "day"},
		"1 quarter": {N: 3, Unit: "month"},
		"1 month":   {N: 1, Unit: "month"},
		"2 years":   {N: 2, Unit: "year"},
	}
	for text, want := range cases {
		got, err := ParseInterval(text)
		if err != nil {
			t.Errorf("ParseInterval(%q): %v", text, err)
			continue
		}
		if got != want {
			t.Errorf("ParseInterval(%q) = %+v, want %+v", text, got, want)
		}
	}
	if got := (Interval{N: 7, Unit: "day"}).SQL(); got != "INTERVAL '7 days'" {
		t.Errorf("SQL() = %q, want INTERVAL '7 days'", got)
	}
	if _, err := ParseInterval("1.5 months"); err == nil {
		t.Error("ParseInterval(1.5 months) succeeded, want an error")
	}
}
