// Versions of what two people can edit (datasources, queries, the page). Free of zod: the
// browser's API client, on the first screen, reads it.

/**
 * What such a resource carries: GET answers it with `ETag: "<version>"`, and a write with
 * `If-Match` is refused (412 `edit_conflict`, see EditConflict) once the version moved on.
 */
export interface Versioned {
  version: number;
  /** Who wrote this version; null for a row older than accounts. */
  updatedBy: string | null;
}

/** The ETag (and If-Match) of a version: a strong validator, quoted as HTTP wants. */
export const etagOf = (version: number) => `"${version}"`;
