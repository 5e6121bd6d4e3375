package conformance

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Query is a metric query as written in case.yaml. Its fields and meaning
// are those of the engine's query model; the keys are the snake_case field
// names.
type Query struct {
	Metrics                     []string   `yaml:"metrics"`
	GroupBy                     []string   `yaml:"group_by"`
	Where                       string     `yaml:"where"`
	TimeRange                   *TimeRange `yaml:"time_range"`
	TimeZone                    string     `yaml:"time_zone"`
	WeekStart                   string     `yaml:"week_start"`
	FiscalYearStartMonth        int        `yaml:"fiscal_year_start_month"`
	OrderBy                     []Order    `yaml:"order_by"`
	Limit                       int        `yaml:"limit"`
	Offset                      int        `yaml:"offset"`
	IncludeEmptyDimensionValues bool       `yaml:"include_empty_dimension_values"`
}

// TimeRange bounds metric_time; both bounds are dates or timestamps in the
// query time zone.
type TimeRange struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// Order is one order-by term: a metric or group-by name, ascending unless
// Desc.
type Order struct {
	Name string
	Desc bool
}

// UnmarshalYAML reads "name", "name asc" or "name desc".
func (o *Order) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		return fmt.Errorf("line %d: order_by term %q must be \"name\", \"name asc\" or \"name desc\"", n.Line, s)
	}
	o.Name = fields[0]
	if len(fields) == 2 {
		switch strings.ToLower(fields[1]) {
		case "asc":
		case "desc":
			o.Desc = true
		default:
			return fmt.Errorf("line %d: order_by direction %q must be asc or desc", n.Line, fields[1])
		}
	}
	return nil
}
