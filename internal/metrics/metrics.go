// Package metrics holds Urbangraph's Prometheus metrics, in a registry of its own (served at
// /metrics), so that tests and other libraries cannot collide with them.
package metrics

import (
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Registry is what /metrics serves.
var Registry = prometheus.NewRegistry()

var (
	GraphQLRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "urbangraph_graphql_requests_total",
		Help: "GraphQL operations by operation name and outcome (ok, or the first error code).",
	}, []string{"operation", "outcome"})
	GraphQLDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "urbangraph_graphql_request_duration_seconds",
		Help:    "Time to answer a GraphQL operation, by operation name.",
		Buckets: []float64{.002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"operation"})
	HTTPRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "urbangraph_http_requests_total",
		Help: "HTTP requests by route and status code.",
	}, []string{"route", "code"})
	CypherQueries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "urbangraph_cypher_queries_total",
		Help: "Cypher queries sent to Neo4j, by the store operation that sent them.",
	}, []string{"op"})
	CypherDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "urbangraph_cypher_query_duration_seconds",
		Help:    "Cypher query latency (round trip, results included), by store operation.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5},
	}, []string{"op"})
	Neo4jErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "urbangraph_neo4j_errors_total",
		Help: "Errors from Neo4j, by Neo4j status code (or connectivity, timeout, other).",
	}, []string{"code"})
	SessionsInUse = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "urbangraph_neo4j_sessions_in_use",
		Help: "Driver sessions open now: each holds at most one pooled connection while it works.",
	})
	CompiledReads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "urbangraph_compiled_reads_total",
		Help: "Query operations by how they were answered: compiled (one Cypher query per root field, see graph/compiled), resolvers (a field compiled reads do not cover), or fallback (the compiled read failed and the resolvers answered).",
	}, []string{"path"})
	PoolSize = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "urbangraph_neo4j_pool_max_size",
		Help: "The driver's configured connection pool size per server.",
	})
)

func init() {
	Registry.MustRegister(GraphQLRequests, GraphQLDuration, HTTPRequests, CypherQueries, CypherDuration,
		Neo4jErrors, SessionsInUse, PoolSize, CompiledReads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// ObserveCypher records one query of a store operation.
func ObserveCypher(op string, start time.Time) {
	CypherQueries.WithLabelValues(op).Inc()
	CypherDuration.WithLabelValues(op).Observe(time.Since(start).Seconds())
}

// Operation names come from clients, so only well-formed ones are labels, and at most maxOperations
// distinct ones: after that they count as "other". Anonymous operations are "anonymous".
const maxOperations = 200

var (
	opMu      sync.Mutex
	opSeen    = map[string]bool{}
	validName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)
)

// OperationLabel bounds the cardinality of the operation label.
func OperationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !validName.MatchString(name) {
		return "other"
	}
	opMu.Lock()
	defer opMu.Unlock()
	if opSeen[name] {
		return name
	}
	if len(opSeen) >= maxOperations {
		return "other"
	}
	opSeen[name] = true
	return name
}

// CountNeo4jError counts an error by code.
func CountNeo4jError(code string) {
	Neo4jErrors.WithLabelValues(code).Inc()
}
