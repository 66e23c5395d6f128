package server

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// idleConn closes a WebSocket that holds no subscription for a while. The subscription caps count
// subscriptions, not connections: without it, a client could hold any number of connections open,
// answering pings, without subscribing to anything.
type idleConn struct {
	mu     sync.Mutex
	active int
	after  time.Duration
	timer  *time.Timer
}

type idleConnKey struct{}

// watchIdle returns a context that is cancelled (which closes the WebSocket: code 1000,
// "terminated") once the connection has held no subscription for `after`, counting from now.
func watchIdle(ctx context.Context, after time.Duration) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	c := &idleConn{after: after, timer: time.AfterFunc(after, cancel)}
	context.AfterFunc(ctx, func() { c.timer.Stop() }) // the connection ended first
	return context.WithValue(ctx, idleConnKey{}, c)
}

func (c *idleConn) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.active++
	c.timer.Stop()
}

func (c *idleConn) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.active--; c.active == 0 {
		c.timer.Reset(c.after)
	}
}

// countSubscriptions tells a WebSocket's idleConn when each of its operations starts and ends (its
// stream of responses is over).
type countSubscriptions struct{}

var (
	_ graphql.HandlerExtension     = countSubscriptions{}
	_ graphql.OperationInterceptor = countSubscriptions{}
)

func (countSubscriptions) ExtensionName() string                   { return "CountSubscriptions" }
func (countSubscriptions) Validate(graphql.ExecutableSchema) error { return nil }
func (countSubscriptions) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	c, ok := ctx.Value(idleConnKey{}).(*idleConn)
	if !ok { // Server-Sent Events: one request, one subscription
		return next(ctx)
	}
	c.start()
	var once sync.Once
	responses := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		r := responses(ctx)
		if r == nil {
			once.Do(c.end)
		}
		return r
	}
}
