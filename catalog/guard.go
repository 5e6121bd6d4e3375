package catalog

// GuardSources returns the value of the CEL guard variable "sources": per
// source, "status" (ok, warn, error or unchecked) and, when the source's
// newest value is known, "age" (a time.Duration) and "newest" (a
// time.Time). A guard that reads the age of a source whose table is missing
// or empty fails to evaluate, so the caller treats the metric as guarded.
func GuardSources(statuses []Status) map[string]map[string]any {
	out := make(map[string]map[string]any, len(statuses))
	for _, st := range statuses {
		vars := map[string]any{"status": st.State}
		if st.Newest != nil && st.Age != nil {
			vars["age"] = *st.Age
			vars["newest"] = *st.Newest
		}
		out[st.Source] = vars
	}
	return out
}
