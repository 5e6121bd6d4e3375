package expr

// atomicSQL reports whether a column's SQL can take an operator without
// parentheses: a possibly qualified, possibly quoted name, a function call
// such as date_trunc('month', "t"."created_at"), or a parenthesized
// expression. Anything else (a || b, CASE … END, x::date) is wrapped in
// parentheses before an operator is applied, so the operator cannot bind
// into it.
func atomicSQL(s string) bool {
	i := 0
	for i < len(s) {
		next, ok := skipName(s, i)
		if !ok {
			break
		}
		i = next
		if i < len(s) && s[i] == '.' {
			i++
			continue
		}
		break
	}
	if i == len(s) {
		return i > 0
	}
	if s[i] != '(' {
		return false
	}
	end, ok := closingParen(s, i)
	return ok && end == len(s)-1
}

// skipName skips one word or double-quoted identifier at i.
func skipName(s string, i int) (int, bool) {
	if i < len(s) && s[i] == '"' {
		for j := i + 1; j < len(s); j++ {
			if s[j] == '"' {
				if j+1 < len(s) && s[j+1] == '"' {
					j++
					continue
				}
				return j + 1, true
			}
		}
		return i, false
	}
	j := i
	for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return j, j > i
}

// closingParen returns the index of the parenthesis closing the one at
// open, skipping quoted strings and identifiers.
func closingParen(s string, open int) (int, bool) {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			q := s[i]
			i++
			for i < len(s) && s[i] != q {
				i++
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}
