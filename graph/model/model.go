// Package model holds the Go types behind the GraphQL types. models_gen.go is generated; this file
// is not.
package model
