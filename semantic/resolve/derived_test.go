package resolve

import (
	"strings"
	"testing"
)

func lookupAB(name string) *MetricUse {
	switch name {
	case "revenue", "cost":
		return &MetricUse{Name: name, Metric: &Metric{Name: name}}
	}
	return nil
}

// describe writes a parsed tree fully parenthesized.
func describe(n Node) string {
	switch n := n.(type) {
	case *Num:
		return n.Text
	case *Ref:
		return n.Input.Name
	case *Neg:
		return "-" + describe(n.X)
	case *Binary:
		return "(" + describe(n.L) + " " + string(n.Op) + " " + describe(n.R) + ")"
	}
	return "?"
}

func TestParseDerivedPrecedence(t *testing.T) {
	cases := map[string]string{
		"revenue - cost":             "(revenue - cost)",
		"(revenue - cost) / revenue": "((revenue - cost) / revenue)",
		"revenue - cost / 2 * 3":     "(revenue - ((cost / 2) * 3))",
		"-revenue + 1.5":             "(-revenue + 1.5)",
		" revenue*100 ":              "(revenue * 100)",
	}
	for text, want := range cases {
		n, err := ParseDerived(text, lookupAB)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if got := describe(n); got != want {
			t.Errorf("%q parsed as %s, want %s", text, got, want)
		}
	}
}

func TestParseDerivedRejectsSQL(t *testing.T) {
	cases := map[string]string{
		"revenue; DROP TABLE orders": `column 8: unexpected ";"`,
		"revenue - cost)":            `column 15: unexpected ")"`,
		"(revenue - cost":            "missing closing parenthesis",
		"revenue - margin":           `"margin" is not an input metric`,
		"revenue || 'x'":             `unexpected "|"`,
		"1..2 * revenue":             `invalid number "1..2"`,
		"coalesce(revenue, 0)":       `column 1: "coalesce" is called as a function`,
		"revenue (cost)":             `column 1: "revenue" is called as a function`,
		"":                           "unexpected end of expression",
	}
	for text, want := range cases {
		_, err := ParseDerived(text, lookupAB)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one containing %q", text, err, want)
		}
	}
}
