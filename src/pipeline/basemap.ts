/**
 * Offline basemap assets (owned by the basemap work; this is a placeholder so the data CLI can
 * call it before it lands).
 */
export interface BasemapResult {
  files: { path: string; bytes: number }[];
}

/** Writes the basemap assets for the given host countries into `outDir`. */
export async function buildBasemap(
  _outDir: string,
  _hostCountries: string[],
): Promise<BasemapResult> {
  return { files: [] };
}
