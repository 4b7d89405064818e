/** Who writes, and the version the write is based on (If-Match); without one any version is replaced. */
export interface VersionedWrite {
  by: string | null;
  expected?: number | undefined;
}
