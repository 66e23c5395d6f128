package config

import (
	"os"
	"strings"
	"testing"
)

// The README's configuration table must list every variable FromEnv reads, and no other.
func TestREADMEDocumentsEveryVariable(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "| `") {
			name := strings.Trim(strings.Split(line, "|")[1], " `")
			if strings.HasPrefix(name, "NEO4J_") || strings.HasPrefix(name, "URBANGRAPH_") {
				documented[name] = true
			}
		}
	}
	for _, v := range Vars {
		if !documented[v.Name] {
			t.Errorf("README's configuration table lacks %s", v.Name)
		}
		delete(documented, v.Name)
	}
	for name := range documented {
		t.Errorf("README documents %s, which the program does not read", name)
	}
}
