// Command urbangraph serves the Urbangraph GraphQL API and manages its Neo4j database.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"urbangraph/internal/gctune"
)

func main() {
	gctune.Apply()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "urbangraph:", err)
		os.Exit(1)
	}
}
