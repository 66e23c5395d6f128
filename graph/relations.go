package graph

import "urbangraph/internal/store"

// A relation is a field that lists (or, when one, names) the entities a relationship leads to.
type relation struct {
	rel store.Rel
	one bool
}

type typeField struct{ typ, field string }

// relations are the schema's plain relationship fields: the batch resolvers and compiled reads both
// take them from here. A test checks each against the schema (target type, list or single).
var relations = map[typeField]relation{
	{"Centre", "city"}:               {out("LOCATED_IN", store.City), true},
	{"Centre", "domains"}:            {out("HAS_EXPERTISE_IN", store.Domain), false},
	{"Centre", "units"}:              {out("HAS_UNIT", store.Unit), false},
	{"Centre", "supporters"}:         {in("SUPPORTS", store.Organisation), false},
	{"Centre", "fundedBy"}:           {out("FUNDED_BY", store.Programme), false},
	{"Centre", "contributesTo"}:      {out("CONTRIBUTES_TO", store.Topic), false},
	{"Centre", "visitedDuring"}:      {in("VISITED", store.Event), false},
	{"Centre", "introduced"}:         {in("INTRODUCED_TO", store.Organisation), false},
	{"City", "country"}:              {out("LOCATED_IN", store.Country), true},
	{"City", "organisations"}:        {in("LOCATED_IN", store.Organisation), false},
	{"City", "centres"}:              {in("LOCATED_IN", store.Centre), false},
	{"City", "events"}:               {in("HELD_IN", store.Event), false},
	{"Country", "cities"}:            {in("LOCATED_IN", store.City), false},
	{"Country", "units"}:             {in("WORKS_IN", store.Unit), false},
	{"Domain", "centres"}:            {in("HAS_EXPERTISE_IN", store.Centre), false},
	{"Domain", "practices"}:          {in("IN_DOMAIN", store.Practice), false},
	{"Event", "city"}:                {out("HELD_IN", store.City), true},
	{"Event", "fundedBy"}:            {out("FUNDED_BY", store.Programme), false},
	{"Event", "topics"}:              {out("DISCUSSED", store.Topic), false},
	{"Event", "practices"}:           {in("PRESENTED_AT", store.Practice), false},
	{"Event", "visited"}:             {out("VISITED", store.Centre), false},
	{"Organisation", "city"}:         {out("LOCATED_IN", store.City), true},
	{"Organisation", "supports"}:     {out("SUPPORTS", store.Centre), false},
	{"Organisation", "partnerOf"}:    {out("PARTNER_OF", store.Organisation), false},
	{"Organisation", "partners"}:     {in("PARTNER_OF", store.Organisation), false},
	{"Organisation", "presented"}:    {out("PRESENTED", store.Practice), false},
	{"Organisation", "introducedTo"}: {out("INTRODUCED_TO", store.Centre), false},
	{"Organisation", "benefitsFrom"}: {in("BENEFITS", store.Programme), false},
	{"Practice", "presentedBy"}:      {in("PRESENTED", store.Organisation), false},
	{"Practice", "presentedAt"}:      {out("PRESENTED_AT", store.Event), false},
	{"Practice", "domains"}:          {out("IN_DOMAIN", store.Domain), false},
	{"Practice", "fundedBy"}:         {out("FUNDED_BY", store.Programme), false},
	{"Programme", "fundedBy"}:        {out("FUNDED_BY", store.Programme), false},
	{"Programme", "supports"}:        {out("SUPPORTS", store.Programme), false},
	{"Programme", "supportedBy"}:     {in("SUPPORTS", store.Programme), false},
	{"Programme", "beneficiaries"}:   {out("BENEFITS", store.Organisation), false},
	{"Topic", "discussedAt"}:         {in("DISCUSSED", store.Event), false},
	{"Topic", "contributors"}:        {in("CONTRIBUTES_TO", store.Centre), false},
	{"Unit", "centre"}:               {in("HAS_UNIT", store.Centre), true},
	{"Unit", "worksIn"}:              {out("WORKS_IN", store.Country), false},
}

// rel is the relationship behind a plain relationship field.
func rel(typ, field string) store.Rel {
	r, ok := relations[typeField{typ, field}]
	if !ok {
		panic("graph: no relation for " + typ + "." + field)
	}
	return r.rel
}
