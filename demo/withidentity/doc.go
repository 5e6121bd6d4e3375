// Package withidentity loads the demo business and resolves its customers,
// so the identity tables, identity_map above all, exist next to the demo
// tables. The reference definitions count customers through identity_map;
// without this step every query on them fails on a fresh demo warehouse.
//
// The identity resolved is the customer identity of definitions/identity.yml:
// CRM contact id, email and phone, carried by leads, deals and invoices.
// This package keeps a copy, so the demo does not depend on where the
// definitions directory is, and a test checks that the two stay equal.
//
// Resolution is deterministic: customer ids derive from each customer's
// earliest record, so the same seed gives the same ids.
package withidentity
