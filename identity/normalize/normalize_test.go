package normalize

import "testing"

func TestEmail(t *testing.T) {
	cases := []struct {
		raw, want string
		ok        bool
	}{
		{" Jane@Example.COM ", "jane@example.com", true},
		{"jane@example.com", "jane@example.com", true},
		{"j.smith@gmail.com", "jsmith@gmail.com", true},
		{"J.Smith@GoogleMail.com", "jsmith@gmail.com", true},
		{"j.smith@acme.com", "j.smith@acme.com", true},
		{"jane+news@gmail.com", "jane+news@gmail.com", true},
		{"Jane Doe <Jane.Doe@Example.com>", "jane.doe@example.com", true},
		{`"Doe, Jane" <jdoe@example.com>`, "jdoe@example.com", true},
		{"n/a", "", false},
		{"jane", "", false},
		{"jane@localhost", "", false},
		{"jane@@example.com", "", false},
		{"ja ne@example.com", "", false},
		{".jane@example.com", "", false},
		{"jane@example..com", "", false},
		{"Jane <jane@example.com", "", false},
		{"@example.com", "", false},
	}
	for _, c := range cases {
		got, ok := Email(c.raw)
		if ok != c.ok || got != c.want {
			t.Errorf("Email(%q) = %q, %v; want %q, %v", c.raw, got, ok, c.want, c.ok)
		}
	}
}

func TestPhone(t *testing.T) {
	cases := []struct {
		raw, country, want string
		ok                 bool
	}{
		{"(807) 422-9031", "US", "+18074229031", true},
		{"807-422-9031", "US", "+18074229031", true},
		{"+1 807 422 9031", "US", "+18074229031", true},
		{"+39 0352 6553537", "US", "+3903526553537", true},
		{"0352 6553537", "IT", "+3903526553537", true},
		{"0352 6553537", "US", "", false},
		{"001 807 422 9031", "US", "+18074229031", true},
		{"0039 0352 6553537", "US", "+3903526553537", true},
		{"0039 0352 6553537", "IT", "+3903526553537", true},
		{"00 12345", "US", "", false},
		{"0352 6553537", "", "", false},
		{"12345", "US", "", false},
		{"000-000-0000", "US", "", false},
		{"call me", "US", "", false},
		{"  ", "US", "", false},
	}
	for _, c := range cases {
		got, ok := Phone(c.raw, c.country)
		if ok != c.ok || got != c.want {
			t.Errorf("Phone(%q, %q) = %q, %v; want %q, %v", c.raw, c.country, got, ok, c.want, c.ok)
		}
	}
}

func TestExternalIDKeepsCase(t *testing.T) {
	if got, ok := ExternalID("  AbC-12 "); !ok || got != "AbC-12" {
		t.Errorf("ExternalID = %q, %v; want AbC-12, true", got, ok)
	}
	if _, ok := ExternalID(" \t"); ok {
		t.Error("ExternalID of blanks is ok; want not an identifier")
	}
}

func TestBlocklist(t *testing.T) {
	b := NewBlocklist([]string{"info@*", "*@example.org", "sales@*.com"})
	blocked := []string{"test@test.com", " None@None.com", "N/A", "null", "NULL", "-1", "anonymous",
		"0", "000-000-0000", "00000000", "info@acme.com", "x@example.org", "sales@acme.com"}
	for _, v := range blocked {
		if !b.Match(v) {
			t.Errorf("Match(%q) = false; want blocked", v)
		}
	}
	kept := []string{"jane@example.com", "+18074229031", "100", "info", "sales@acme.org", "10-0"}
	for _, v := range kept {
		if b.Match(v) {
			t.Errorf("Match(%q) = true; want not blocked", v)
		}
	}
}

func TestValueOutcomes(t *testing.T) {
	b := NewBlocklist(nil)
	cases := []struct {
		kind, raw string
		want      Outcome
		value     string
	}{
		{KindEmail, "", Empty, ""},
		{KindEmail, "n/a", Blocked, "n/a"},
		{KindEmail, " TEST@test.com ", Blocked, " TEST@test.com "},
		{KindEmail, "Jane <TEST@TEST.COM>", Blocked, "test@test.com"},
		{KindEmail, "not an address", Invalid, "not an address"},
		{KindEmail, "Jane@Example.com", OK, "jane@example.com"},
		{KindPhone, "000-000-0000", Blocked, "000-000-0000"},
		{KindExternalID, "-1", Blocked, "-1"},
		{KindExternalID, "C-1", OK, "C-1"},
	}
	for _, c := range cases {
		v, o, err := Value(c.kind, c.raw, "US", b)
		if err != nil || o != c.want || v != c.value {
			t.Errorf("Value(%s, %q) = %q, %v, %v; want %q, %v", c.kind, c.raw, v, o, err, c.value, c.want)
		}
	}
	if _, _, err := Value("name", "Jane", "", b); err == nil {
		t.Error("Value with kind name: no error; want unknown kind")
	}
}

func BenchmarkPhone(b *testing.B) {
	for b.Loop() {
		Phone("(807) 422-9031", "US")
	}
}

func BenchmarkEmail(b *testing.B) {
	for b.Loop() {
		Email(" J.Smith@GoogleMail.com ")
	}
}
