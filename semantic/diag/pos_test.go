package diag

import "testing"

func TestPosString(t *testing.T) {
	cases := []struct {
		pos  Pos
		want string
	}{
		{Pos{}, "-"},
		{Pos{File: "m.yml"}, "m.yml"},
		{Pos{File: "m.yml", Line: 3, Col: 7}, "m.yml:3:7"},
		{Pos{Line: 1, Col: 9}, "1:9"},
	}
	for _, c := range cases {
		if got := c.pos.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.pos, got, c.want)
		}
	}
}
