// Package query defines a metric query as clients send it: metrics, group-by
// names, a CEL filter, a time range and zone, ordering and paging. It holds no
// logic beyond parsing the short textual forms the CLI and tests use.
package query

import "strings"

// Query requests metrics grouped by dimensions.
//
// Group-by names are `entity__dimension` for categorical dimensions,
// `entity__time_dimension__grain` for time dimensions and
// `metric_time__grain` for each measure's aggregation time. A time dimension
// without a grain uses the grain its definition declares.
type Query struct {
	// Metrics are metric names, optionally pinned as `name@version`.
	Metrics []string `json:"metrics" yaml:"metrics"`
	GroupBy []string `json:"group_by,omitempty" yaml:"group_by"`
	// Where is CEL over group-by style names; it filters the rows of every
	// measure before aggregation.
	Where string `json:"where,omitempty" yaml:"where"`
	// MetricFilters are CEL conditions over metric names (selected or
	// not), all of which a final group must meet, like SQL HAVING.
	MetricFilters []string   `json:"metric_filters,omitempty" yaml:"metric_filters"`
	TimeRange     *TimeRange `json:"time_range,omitempty" yaml:"time_range"`
	// TimeZone is an IANA zone name; buckets and range bounds are local to it.
	// Empty means UTC.
	TimeZone string `json:"time_zone,omitempty" yaml:"time_zone"`
	// WeekStart is the first day of a week bucket: monday (the default, ISO
	// 8601) through sunday.
	WeekStart string `json:"week_start,omitempty" yaml:"week_start"`
	// FiscalYearStartMonth (1-12, 0 means 1) shifts quarter and year buckets.
	FiscalYearStartMonth int     `json:"fiscal_year_start_month,omitempty" yaml:"fiscal_year_start_month"`
	OrderBy              []Order `json:"order_by,omitempty" yaml:"order_by"`
	// Limit and Offset page the final, grouped and ordered rows; 0 means no
	// limit.
	Limit  int `json:"limit,omitempty" yaml:"limit"`
	Offset int `json:"offset,omitempty" yaml:"offset"`
	// IncludeEmptyDimensionValues returns every value of the group-by
	// dimensions, with counts of 0 and other metrics NULL where no measure row
	// exists.
	IncludeEmptyDimensionValues bool `json:"include_empty_dimension_values,omitempty" yaml:"include_empty_dimension_values"`
}

// TimeRange limits each measure's aggregation time. A bound written as a date
// (2024-02-29) is a whole local day, so End includes that day. A bound
// written as a local timestamp (2024-02-29T12:00:00) is an instant, and End
// excludes it. Either bound may be empty.
type TimeRange struct {
	Start string `json:"start,omitempty" yaml:"start"`
	End   string `json:"end,omitempty" yaml:"end"`
}

// Order sorts by a metric (selected or not) or a selected group-by name.
type Order struct {
	Name string `json:"name" yaml:"name"`
	Desc bool   `json:"desc,omitempty" yaml:"desc"`
}

// ParseOrder reads the short form: "name" ascending, "-name" descending.
func ParseOrder(s string) Order {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		return Order{Name: strings.TrimSpace(s[1:]), Desc: true}
	}
	return Order{Name: strings.TrimPrefix(s, "+")}
}

// String writes the short form ParseOrder reads.
func (o Order) String() string {
	if o.Desc {
		return "-" + o.Name
	}
	return o.Name
}

// UnmarshalYAML accepts the short form ("-revenue") or a mapping.
func (o *Order) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		*o = ParseOrder(s)
		return nil
	}
	type plain Order
	return unmarshal((*plain)(o))
}
