package identity

import (
	"slices"
)

// Changes counts what a run changed compared with the state before it.
type Changes struct {
	New         int // customers with no earlier record: a new id each
	Merged      int // ids that merged into an older id and became aliases
	Split       int // new ids given to parts split off an existing customer
	Moved       int // records that changed customer other than by a merge or a split
	Retired     int // ids left without records
	Removed     int // records of the earlier map that are not in this run's input
	Blocked     int // identifier values blocked by a blocklist
	Quarantined int // identifier values quarantined as too widely shared
	// Churned counts earlier records whose customer id, followed through
	// aliases, is not their id now: moved records and records of split-off
	// parts. A merge does not churn, since the old id still resolves.
	Churned int
	// PriorRecords counts the records of this run that had an id before.
	PriorRecords int
}

// Churn returns Churned as a share of PriorRecords, 0 without prior records.
func (c Changes) Churn() float64 {
	if c.PriorRecords == 0 {
		return 0
	}
	return float64(c.Churned) / float64(c.PriorRecords)
}

// Assignment gives every record of a Result its customer id and the
// registry changes that go with it.
type Assignment struct {
	Run     int64
	IDs     []string // per record of the Result, in its order
	Changes Changes
	// Registry is the registry after the run: every id ever issued,
	// including the ones issued, merged or retired by this run.
	Registry map[string]*IDInfo
	Aliases  map[string]string
	Touched  []string // ids issued or updated by this run, sorted

	aliasesOf map[string][]string // surviving id → its aliases, the inverse of Aliases
}

// Assign gives each component of res a customer id, keeping ids stable
// against prior:
//   - a component with no earlier record gets the id derived from its anchor;
//   - an earlier id goes to the component holding its anchor record, or, if
//     none does, to the one holding its earliest earlier record;
//   - a component that receives several earlier ids keeps the oldest and the
//     others become aliases of it (a merge);
//   - a component that receives none although it holds earlier records was
//     split off, and gets a new id recorded as split from the oldest id it
//     held.
//
// prior is not modified.
func Assign(res *Result, prior *State, run int64) *Assignment {
	a := &Assignment{
		Run:      run,
		IDs:      make([]string, len(res.Records)),
		Registry: make(map[string]*IDInfo, len(prior.IDs)+len(res.Records)/2),
		Aliases:  make(map[string]string, len(prior.Aliases)),
	}
	for id, info := range prior.IDs {
		c := *info
		a.Registry[id] = &c
	}
	a.aliasesOf = make(map[string][]string, len(prior.Aliases))
	for k, v := range prior.Aliases {
		a.Aliases[k] = v
		a.aliasesOf[v] = append(a.aliasesOf[v], k)
	}

	p := newPriorIndex(res, prior)
	touched := map[string]bool{}
	splitComp := map[int32]bool{}
	for _, anchor := range p.anchors {
		id := a.assignComponent(res, p, anchor, splitComp, touched)
		p.idOfComp[anchor] = id
	}
	for i, anchor := range res.Anchor {
		a.IDs[i] = p.idOfComp[anchor]
	}

	a.retireUnclaimed(p, touched)
	a.countRecordChanges(res, prior, p, splitComp)
	a.Changes.Blocked = len(res.Blocked)
	a.Changes.Quarantined = len(res.Quarantined)
	for id := range touched {
		a.Touched = append(a.Touched, id)
	}
	slices.Sort(a.Touched)
	return a
}

// priorIndex links this run's components to the ids of the earlier run.
type priorIndex struct {
	anchors  []int32            // component anchors in canonical order
	priorOf  []string           // per record: its earlier id followed through aliases, or ""
	held     map[int32][]string // component → distinct earlier ids of its records, in record order
	winner   map[string]int32   // earlier id → the component that keeps it
	idOfComp map[int32]string
}

func newPriorIndex(res *Result, prior *State) *priorIndex {
	p := &priorIndex{
		priorOf:  make([]string, len(res.Records)),
		held:     map[int32][]string{},
		winner:   map[string]int32{},
		idOfComp: make(map[int32]string, len(res.Records)/2),
	}
	anchorHit := map[string]bool{}
	for i := range res.Records {
		comp := res.Anchor[i]
		if int(comp) == i {
			p.anchors = append(p.anchors, comp)
		}
		old, ok := prior.Map[res.Records[i].Ref()]
		if !ok {
			continue
		}
		old, _ = prior.Lookup(old)
		p.priorOf[i] = old
		if !slices.Contains(p.held[comp], old) {
			p.held[comp] = append(p.held[comp], old)
		}
		// Records come in canonical order, so the first component seen
		// with an id holds its earliest earlier record; the anchor
		// record's component overrides that.
		info := prior.IDs[old]
		isAnchor := info != nil && info.Anchor == res.Records[i].Ref()
		if _, claimed := p.winner[old]; !claimed || isAnchor && !anchorHit[old] {
			p.winner[old] = comp
			anchorHit[old] = anchorHit[old] || isAnchor
		}
	}
	return p
}

func (a *Assignment) assignComponent(res *Result, p *priorIndex, anchor int32, splitComp map[int32]bool, touched map[string]bool) string {
	var won, lost []*IDInfo
	for _, old := range p.held[anchor] {
		info := a.Registry[old]
		if info == nil {
			// The earlier map names an id the registry lacks (the
			// tables were edited by hand). Register it as issued before
			// every other id, so it survives merges.
			info = &IDInfo{ID: old, Status: StatusActive}
			a.Registry[old] = info
			touched[old] = true
		}
		if p.winner[old] == anchor {
			won = append(won, info)
		} else {
			lost = append(lost, info)
		}
	}
	if len(won) == 0 {
		info := a.issue(&res.Records[anchor])
		touched[info.ID] = true
		if len(lost) > 0 {
			slices.SortFunc(lost, compareAge)
			info.SplitFrom = lost[0].ID
			splitComp[anchor] = true
			a.Changes.Split++
		} else {
			a.Changes.New++
		}
		return info.ID
	}
	slices.SortFunc(won, compareAge)
	survivor := won[0]
	for _, m := range won[1:] {
		a.merge(m, survivor)
		touched[m.ID] = true
	}
	if survivor.Status != StatusActive {
		survivor.Status = StatusActive
		survivor.UpdatedRun = a.Run
		touched[survivor.ID] = true
	}
	return survivor.ID
}

// issue registers a new id for a component anchored at r: the id derived
// from r, or, when that id is taken, the first free salted one. A retired id
// derived from r is revived, so a customer whose records come back gets its
// old id.
func (a *Assignment) issue(r *Record) *IDInfo {
	for salt := 0; ; salt++ {
		id := deriveID(r.Ref(), salt)
		info, taken := a.Registry[id]
		if taken && !(info.Status == StatusRetired && info.Anchor == r.Ref()) {
			continue
		}
		if taken {
			info.Status, info.UpdatedRun = StatusActive, a.Run
			return info
		}
		info = &IDInfo{ID: id, Anchor: r.Ref(), AnchorFirstSeen: r.FirstSeen, IssuedRun: a.Run, Status: StatusActive, UpdatedRun: a.Run}
		a.Registry[id] = info
		return info
	}
}

// merge makes m an alias of survivor, and re-points the aliases of m so
// every alias resolves in one step.
func (a *Assignment) merge(m, survivor *IDInfo) {
	m.Status, m.MergedInto, m.UpdatedRun = StatusMerged, survivor.ID, a.Run
	a.Aliases[m.ID] = survivor.ID
	for _, alias := range a.aliasesOf[m.ID] {
		a.Aliases[alias] = survivor.ID
	}
	a.aliasesOf[survivor.ID] = append(append(a.aliasesOf[survivor.ID], m.ID), a.aliasesOf[m.ID]...)
	delete(a.aliasesOf, m.ID)
	a.Changes.Merged++
}

// retireUnclaimed retires active ids that no record of this run holds.
func (a *Assignment) retireUnclaimed(p *priorIndex, touched map[string]bool) {
	used := make(map[string]bool, len(p.idOfComp))
	for _, id := range p.idOfComp {
		used[id] = true
	}
	for id, info := range a.Registry {
		if info.Status == StatusActive && !used[id] {
			info.Status, info.UpdatedRun = StatusRetired, a.Run
			touched[id] = true
			a.Changes.Retired++
		}
	}
}

func (a *Assignment) countRecordChanges(res *Result, prior *State, p *priorIndex, splitComp map[int32]bool) {
	for i, old := range p.priorOf {
		if old == "" {
			continue
		}
		a.Changes.PriorRecords++
		if to, ok := a.Aliases[old]; ok {
			old = to
		}
		if old == a.IDs[i] {
			continue
		}
		a.Changes.Churned++
		if !splitComp[res.Anchor[i]] {
			a.Changes.Moved++
		}
	}
	a.Changes.Removed = len(prior.Map) - a.Changes.PriorRecords
}

// State returns the state after the run: the registry, the aliases and the
// map of res's records to their ids.
func (a *Assignment) State(res *Result) *State {
	s := &State{Run: a.Run, IDs: a.Registry, Aliases: a.Aliases, Map: make(map[RecordRef]string, len(res.Records))}
	for i := range res.Records {
		s.Map[res.Records[i].Ref()] = a.IDs[i]
	}
	return s
}
