// Package normalize turns raw identifier strings into the canonical values
// that identity resolution compares: a lowercase email address, an E.164
// phone number or a trimmed external id. A value that cannot be normalized
// is not an identifier and never links records.
package normalize
