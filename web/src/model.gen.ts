// Written by go generate ./internal/store (internal/store/modeldoc.go) from internal/store/model.go: do not edit.
export const KINDS = ['CENTRE', 'CITY', 'COUNTRY', 'DOMAIN', 'EVENT', 'ORGANISATION', 'PRACTICE', 'PROGRAMME', 'SOURCE', 'TOPIC', 'UNIT'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  CENTRE: 'Centre',
  CITY: 'City',
  COUNTRY: 'Country',
  DOMAIN: 'Domain',
  EVENT: 'Event',
  ORGANISATION: 'Organisation',
  PRACTICE: 'Practice',
  PROGRAMME: 'Programme',
  SOURCE: 'Source',
  TOPIC: 'Topic',
  UNIT: 'Unit',
};

export const LANGS = ['en', 'bg', 'el'] as const;

// The properties the entity panel leaves out of its table of facts (store.MetaProps).
export const META_PROPS: ReadonlySet<string> = new Set(['id', 'kind', 'name_en', 'name_bg', 'name_el', 'aliases', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
