package identity

import (
	"fmt"
	"testing"
)

func TestValueIndexNumbersDistinctValues(t *testing.T) {
	x := newValueIndex(1) // small, so the table grows several times
	for i := range 1000 {
		if got := x.id(uint16(i%2), fmt.Sprint(i)); got != int32(i) {
			t.Fatalf("id of new value %d = %d; want %d", i, got, i)
		}
	}
	for i := range 1000 {
		if got := x.id(uint16(i%2), fmt.Sprint(i)); got != int32(i) {
			t.Fatalf("id of value %d on second lookup = %d; want %d", i, got, i)
		}
	}
	if got := x.id(1, "0"); got != 1000 {
		t.Errorf("id of type 1 value \"0\" = %d; want a new id 1000, distinct from type 0 \"0\"", got)
	}
	if x.len() != 1001 {
		t.Errorf("len = %d; want 1001", x.len())
	}
}
