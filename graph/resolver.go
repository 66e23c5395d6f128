package graph

import "urbangraph/internal/store"

// Resolver holds the dependencies of every resolver. One per process; per-request state lives in the
// context (dataloaders).
type Resolver struct {
	Store        *store.Store
	BuildVersion string
}
