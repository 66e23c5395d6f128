package config

import (
	"os"
	"strings"
	"testing"
)

// readmeTables returns the variable names of each table of the Configuration section of
// docs/configuration.md, in order.
func readmeTables(t *testing.T) [][]string {
	t.Helper()
	raw, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(raw)
	start := strings.Index(section, "\n## Configuration\n")
	if start < 0 {
		t.Fatal("docs/configuration.md has no Configuration section")
	}
	section = section[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var tables [][]string
	inTable := false
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		if !inTable {
			tables = append(tables, nil)
			inTable = true
		}
		if strings.HasPrefix(line, "| `") {
			name := strings.Trim(strings.Split(line, "|")[1], " `")
			tables[len(tables)-1] = append(tables[len(tables)-1], name)
		}
	}
	return tables
}

// The docs/configuration.md's configuration table (the first of its Configuration section) must list every
// variable FromEnv reads, and no other.
func TestTheDocsDocumentEveryVariable(t *testing.T) {
	tables := readmeTables(t)
	if len(tables) == 0 {
		t.Fatal("docs/configuration.md's Configuration section has no table")
	}
	documented := map[string]bool{}
	for _, name := range tables[0] {
		documented[name] = true
	}
	for _, v := range Vars {
		if !documented[v.Name] {
			t.Errorf("docs/configuration.md's configuration table lacks %s", v.Name)
		}
		delete(documented, v.Name)
	}
	for name := range documented {
		t.Errorf("docs/configuration.md documents %s, which the program does not read", name)
	}
}

// The second table is the local Neo4j server's: each variable it lists is read by its scripts.
func TestTheDocsDocumentOnlyVariablesTheNeo4jScriptsRead(t *testing.T) {
	tables := readmeTables(t)
	if len(tables) < 2 || len(tables[1]) < 5 {
		t.Fatalf("docs/configuration.md's Configuration section lacks the table of scripts/neo4j.sh's variables: %v", tables)
	}
	var scripts string
	for _, f := range []string{"../../scripts/neo4j.sh", "../../scripts/neo4j/fetch.sh"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scripts += string(raw)
	}
	for _, name := range tables[1] {
		if !strings.Contains(scripts, "${"+name+":-") && !strings.Contains(scripts, "${"+name+"}") {
			t.Errorf("docs/configuration.md documents %s for the Neo4j scripts, which they do not read", name)
		}
	}
}
