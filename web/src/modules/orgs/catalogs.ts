import type { CatalogKind } from '../../api/orgs';

export const CATALOG_KINDS: CatalogKind[] = ['sectors', 'committees', 'party-groups', 'handling-units'];
export const PARTY_GROUP_KINDS = ['democratic_party', 'federation', 'non_party', 'other'] as const;

/** The fields each catalog's form edits, besides the organization. */
export const CATALOG_FIELDS: Record<CatalogKind, string[]> = {
  sectors: ['name', 'sort'],
  committees: ['name', 'sort'],
  'party-groups': ['name', 'kind', 'sort'],
  'handling-units': ['name', 'contactName', 'contactPhone', 'active', 'sort'],
};
