package identity

import "hash/maphash"

// valueIndex numbers distinct identifier values. It is an open-addressing
// hash table keyed by a 64-bit hash of (type, value): a probe compares the
// stored hash first and the strings only when the hashes are equal, so a
// hash collision cannot join two different values. A slot stores the hash
// next to the id, so most probes read one cache line.
type valueIndex struct {
	seed  maphash.Seed
	slots []indexSlot // power-of-two length, at most half full
	types []uint16    // identifier type index per value id
	vals  []string    // normalized value per value id
}

type indexSlot struct {
	hash uint64
	id   int32 // value id + 1; 0 marks an empty slot
}

func newValueIndex(sizeHint int) *valueIndex {
	n := 16
	for n < 2*sizeHint {
		n *= 2
	}
	return &valueIndex{
		seed:  maphash.MakeSeed(),
		slots: make([]indexSlot, n),
		types: make([]uint16, 0, sizeHint),
		vals:  make([]string, 0, sizeHint),
	}
}

// hash returns the table hash of (typ, value). It is safe for concurrent
// use, so callers may hash in parallel and insert with idHashed.
func (x *valueIndex) hash(typ uint16, value string) uint64 {
	return maphash.String(x.seed, value) ^ (uint64(typ)+1)*0x9E3779B97F4A7C15
}

// id returns the id of (typ, value), numbering it when first seen. Ids are
// dense and follow first-seen order.
func (x *valueIndex) id(typ uint16, value string) int32 {
	return x.idHashed(typ, value, x.hash(typ, value))
}

// idHashed is id with the hash already computed by hash.
func (x *valueIndex) idHashed(typ uint16, value string, h uint64) int32 {
	mask := uint64(len(x.slots) - 1)
	i := h & mask
	for x.slots[i].id != 0 {
		s := x.slots[i]
		if s.hash == h && x.types[s.id-1] == typ && x.vals[s.id-1] == value {
			return s.id - 1
		}
		i = (i + 1) & mask
	}
	id := int32(len(x.vals))
	x.vals = append(x.vals, value)
	x.types = append(x.types, typ)
	x.slots[i] = indexSlot{hash: h, id: id + 1}
	if 2*len(x.vals) > len(x.slots) {
		x.grow()
	}
	return id
}

// grow doubles the table, reinserting by the stored hashes.
func (x *valueIndex) grow() {
	old := x.slots
	x.slots = make([]indexSlot, 2*len(old))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.id == 0 {
			continue
		}
		i := s.hash & mask
		for x.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

func (x *valueIndex) len() int { return len(x.vals) }
