// Package catalog reports on the sources a definitions set declares: how
// fresh each source's data is, judged by its freshness rule, and which load
// last wrote it.
package catalog
