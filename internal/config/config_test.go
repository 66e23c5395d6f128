package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnvAppliesDefaults(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"NEO4J_PASSWORD": "secret-pw"}))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Neo4jURI: "bolt://127.0.0.1:7687", Neo4jUsername: "neo4j", Neo4jPassword: "secret-pw",
		Neo4jDatabase: "neo4j", Addr: ":8080", LogFormat: "text", SeedDir: "data/seed"}
	if c.Neo4jURI != want.Neo4jURI || c.Neo4jUsername != want.Neo4jUsername || c.Neo4jDatabase != want.Neo4jDatabase ||
		c.Addr != want.Addr || c.LogFormat != want.LogFormat || c.SeedDir != want.SeedDir || c.CORSOrigins != nil {
		t.Fatalf("got %+v, want %+v", c, want)
	}
}

func TestFromEnvReadsEveryVariable(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"NEO4J_URI": "neo4j://db.internal:7687", "NEO4J_USERNAME": "api", "NEO4J_PASSWORD": "pw",
		"NEO4J_DATABASE": "urban", "URBANGRAPH_ADDR": "127.0.0.1:9000", "URBANGRAPH_LOG_FORMAT": "JSON",
		"URBANGRAPH_CORS_ORIGINS": " https://a.example , https://b.example:8443,", "URBANGRAPH_SEED_DIR": "/seed",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4jURI != "neo4j://db.internal:7687" || c.Neo4jUsername != "api" || c.Neo4jDatabase != "urban" ||
		c.Addr != "127.0.0.1:9000" || c.LogFormat != "json" || c.SeedDir != "/seed" ||
		strings.Join(c.CORSOrigins, "|") != "https://a.example|https://b.example:8443" {
		t.Fatalf("got %+v", c)
	}
}

func TestFromEnvReportsEveryProblemAtOnce(t *testing.T) {
	_, err := FromEnv(env(map[string]string{
		"NEO4J_URI": "http://x:7474", "URBANGRAPH_ADDR": "8080", "URBANGRAPH_LOG_FORMAT": "xml",
		"URBANGRAPH_CORS_ORIGINS": "example.org, https://*example.org", "URBANGRAPH_JWT_JWKS_URL": "https://id.example/jwks",
	}))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"NEO4J_URI scheme \"http\"", "NEO4J_PASSWORD is required", "URBANGRAPH_ADDR=\"8080\"",
		"URBANGRAPH_LOG_FORMAT=\"xml\"", "URBANGRAPH_CORS_ORIGINS entry \"example.org\"",
		"URBANGRAPH_CORS_ORIGINS entry \"https://*example.org\": list each origin", "URBANGRAPH_JWT_JWKS_URL needs URBANGRAPH_JWT_AUDIENCE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestLogValueMasksThePassword(t *testing.T) {
	c, _ := FromEnv(env(map[string]string{"NEO4J_PASSWORD": "hunter22-secret"}))
	if s := c.LogValue().String(); strings.Contains(s, "hunter22-secret") || !strings.Contains(s, "***") {
		t.Fatalf("log value %q leaks or does not mask the password", s)
	}
}
