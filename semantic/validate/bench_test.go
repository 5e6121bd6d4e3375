package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// generatedSet returns definitions files with the given number of semantic
// models (two entities, three dimensions and three measures each) and of
// metrics (cycling through all six types), ten models or a hundred metrics
// per file.
func generatedSet(models, metrics int) []model.File {
	var files []model.File
	var b strings.Builder
	for i := 0; i < models; i++ {
		if i%10 == 0 {
			if b.Len() > 0 {
				files = append(files, model.File{Path: fmt.Sprintf("models_%03d.yml", i/10), Data: []byte(b.String())})
			}
			b.Reset()
			b.WriteString("version: 1\nsemantic_models:\n")
		}
		fmt.Fprintf(&b, `  - name: model_%[1]d
    description: Generated model %[1]d.
    table: facts_%[1]d
    agg_time_dimension: created_at
    entities:
      - {name: row_%[1]d, type: primary, expr: id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: created_at, type: time, grain: second}
      - {name: channel, type: categorical}
      - {name: score, type: categorical, data_type: integer}
    measures:
      - {name: rows_%[1]d, agg: count}
      - {name: amount_%[1]d, agg: sum, expr: amount, data_type: decimal, filter: "channel != 'test'"}
      - {name: p90_amount_%[1]d, agg: percentile, percentile: "0.9", expr: amount}
`, i)
	}
	files = append(files, model.File{Path: "models_last.yml", Data: []byte(b.String())})
	b.Reset()
	for i := 0; i < metrics; i++ {
		if i%100 == 0 {
			if b.Len() > 0 {
				files = append(files, model.File{Path: fmt.Sprintf("metrics_%03d.yml", i/100), Data: []byte(b.String())})
			}
			b.Reset()
			b.WriteString("version: 1\nmetrics:\n")
		}
		writeMetric(&b, i, i%models)
	}
	files = append(files, model.File{Path: "metrics_last.yml", Data: []byte(b.String())})
	return files
}

func writeMetric(b *strings.Builder, i, m int) {
	fmt.Fprintf(b, "  - name: metric_%d\n    version: 1\n    description: Generated metric.\n    owner: bench\n", i)
	switch i % 6 {
	case 0:
		fmt.Fprintf(b, "    type: simple\n    measure: {name: amount_%d, filter: \"row_%d__channel == 'paid'\"}\n    format: {type: currency, currency: EUR}\n", m, m)
	case 1:
		fmt.Fprintf(b, "    type: ratio\n    numerator: metric_%d\n    denominator: {name: metric_%d, filter: \"metric_time >= timestamp('2024-01-01T00:00:00Z')\"}\n", i-1, i-1)
	case 2:
		fmt.Fprintf(b, "    type: derived\n    expr: (metric_%d - prior) / nullif(prior, 0)\n    metrics:\n      - metric_%d\n      - {name: metric_%d, alias: prior, offset_window: 1 month}\n", i-2, i-2, i-2)
	case 3:
		fmt.Fprintf(b, "    type: cumulative\n    measure: rows_%d\n    window: 7 days\n", m)
	case 4:
		fmt.Fprintf(b, "    type: conversion\n    entity: customer\n    base_measure: rows_%d\n    conversion_measure: amount_%d\n    conversion_window: 30 days\n", m, (m+1)%100)
	case 5:
		fmt.Fprintf(b, "    type: time_to_event\n    entity: customer\n    start: model_%d.created_at\n    end: model_%d.created_at\n    statistic: p90\n", m, (m+1)%100)
	}
}

func TestGeneratedSetIsValid(t *testing.T) {
	set, loadDiags := load.Files(generatedSet(100, 1000))
	if len(set.Metrics) != 1000 || len(set.SemanticModels) != 100 {
		t.Fatalf("generated %d metrics over %d models, want 1000 over 100", len(set.Metrics), len(set.SemanticModels))
	}
	if diags := Loaded(set, loadDiags); len(diags) != 0 {
		t.Fatalf("generated set has %d diagnostics, first: %v", len(diags), diags[0])
	}
}

// BenchmarkLoadAndValidate measures load.Files plus Set over 100 semantic
// models and 1,000 metrics; the goal is well under one second per op.
func BenchmarkLoadAndValidate(b *testing.B) {
	files := generatedSet(100, 1000)
	b.ReportAllocs()
	for b.Loop() {
		set, _ := load.Files(files)
		if diags := Set(set); len(diags) != 0 {
			b.Fatalf("unexpected diagnostics: %v", diags[0])
		}
	}
}
