package diag

// Code is a stable diagnostic code. Codes are never renamed or reused; a
// retired code stays listed here so that it is not issued again.
type Code string

// Definition loading and validation. Every code between the BEGIN and END
// markers must appear in a golden under semantic/validate/testdata.
const (
	// BEGIN definitions codes
	YAMLSyntax         Code = "YAML_SYNTAX"          // the file is not valid YAML
	YAMLType           Code = "YAML_TYPE"            // a value has the wrong YAML type (list for map, text for integer, ...)
	UnknownKey         Code = "UNKNOWN_KEY"          // a key the format does not define
	MissingField       Code = "MISSING_FIELD"        // a required key is absent or empty
	InvalidName        Code = "INVALID_NAME"         // a name that is not lower_snake_case
	DuplicateName      Code = "DUPLICATE_NAME"       // two objects of one kind share a name
	InvalidEnum        Code = "INVALID_VALUE"        // a value outside the allowed set
	InvalidVersion     Code = "INVALID_VERSION"      // a metric version that is missing or not a positive integer
	InvalidGrain       Code = "INVALID_GRAIN"        // a time grain name that does not exist
	InvalidTimeZone    Code = "INVALID_TIME_ZONE"    // not an IANA time zone name
	InvalidDuration    Code = "INVALID_DURATION"     // a window, offset, age or SLA that does not parse
	UnknownSource      Code = "UNKNOWN_SOURCE"       // a reference to a source that is not defined
	UnknownModel       Code = "UNKNOWN_MODEL"        // a reference to a semantic model that is not defined
	UnknownMeasure     Code = "UNKNOWN_MEASURE"      // a reference to a measure that is not defined
	UnknownMetric      Code = "UNKNOWN_METRIC"       // a reference to a metric that is not defined
	UnknownEntity      Code = "UNKNOWN_ENTITY"       // a reference to an entity that is not defined
	UnknownDimension   Code = "UNKNOWN_DIMENSION"    // a reference to a dimension that is not defined
	MetricCycle        Code = "METRIC_CYCLE"         // metrics that depend on each other in a loop
	MissingParameter   Code = "MISSING_PARAMETER"    // a parameter the metric type requires is absent
	InvalidParameter   Code = "INVALID_PARAMETER"    // a parameter that does not fit the metric type or its value
	CELSyntax          Code = "CEL_SYNTAX"           // a CEL expression that does not parse
	CELType            Code = "CEL_TYPE"             // a CEL expression that does not type-check
	CELUnknownName     Code = "CEL_UNKNOWN_NAME"     // a CEL expression naming a dimension that does not exist
	CELUnsupported     Code = "CEL_UNSUPPORTED"      // valid CEL that has no SQL translation
	CELInvalidLiteral  Code = "CEL_INVALID_LITERAL"  // a timestamp, date, duration or number literal that does not parse
	MissingPrimary     Code = "MISSING_PRIMARY_KEY"  // a model whose measures need a primary entity
	DeprecatedMetric   Code = "DEPRECATED_METRIC"    // a reference to a deprecated metric (warning)
	ReplacedByUnknown  Code = "UNKNOWN_REPLACEMENT"  // replaced_by names a metric that does not exist
	MissingDescription Code = "MISSING_DESCRIPTION"  // a metric without description or owner (warning)
	Internal           Code = "INTERNAL"             // a rule failed unexpectedly; the definitions may be fine
	TooManyDiagnostics Code = "TOO_MANY_DIAGNOSTICS" // the list was capped
	DuplicateKey       Code = "DUPLICATE_KEY"        // one key written twice in a YAML mapping
	// END definitions codes
)

// Query planning.
const (
	InvalidQuery       Code = "INVALID_QUERY"       // a query whose shape is wrong (no metrics, bad limit, ...)
	AmbiguousJoinPath  Code = "AMBIGUOUS_JOIN_PATH" // two join paths reach one dimension
	NoJoinPath         Code = "NO_JOIN_PATH"        // a dimension that a metric's model cannot reach
	FanOutGroupBy      Code = "FAN_OUT_GROUP_BY"    // grouping by a dimension across a one-to-many relation
	UnknownVersion     Code = "UNKNOWN_VERSION"     // a pinned metric version that is not the defined one
	UnsupportedDialect Code = "UNSUPPORTED_FEATURE" // a feature the target dialect cannot express
	InvalidOrderBy     Code = "INVALID_ORDER_BY"    // an order-by naming neither a metric nor a dimension
	InvalidTimeRange   Code = "INVALID_TIME_RANGE"  // a time range bound that does not parse or ends before it starts
	NotImplemented     Code = "NOT_IMPLEMENTED"     // a metric type or query feature the engine recognises but cannot plan yet
	GuardFailed        Code = "GUARD_FAILED"        // a guard of severity error holds (or cannot be evaluated), so the metric is rejected
	GuardWarning       Code = "GUARD_WARNING"       // a guard of severity warning holds (or cannot be evaluated), so the metric is flagged
)

// Identity definitions.
const (
	UnknownIdentifier Code = "UNKNOWN_IDENTIFIER"  // a carrier column for an identifier the identity does not declare
	InvalidColumnName Code = "INVALID_COLUMN_NAME" // a table or column name that is not a plain SQL identifier
	InvalidCountry    Code = "INVALID_COUNTRY"     // a default country that is not an ISO 3166 alpha-2 code known to the phone metadata
)
