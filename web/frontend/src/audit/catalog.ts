import { auditApi, type CatalogType } from './auditApi';

let types: Promise<CatalogType[]> | null = null;

/** The event catalog, read once per page load (it is compiled into the server); asked again after a failure. */
export function loadCatalog(): Promise<CatalogType[]> {
  types ??= auditApi.catalog().catch((e) => {
    types = null;
    throw e;
  });
  return types;
}
