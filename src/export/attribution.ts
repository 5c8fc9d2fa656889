/**
 * The data attribution the app's footer, the presenter and every export carry (kept apart from
 * the Canvas-2D export code so that the app can show it without loading that code).
 */
import type { Coverage } from '../domain/dataset';

/** The data attribution: UCDP GED (with the loaded versions), Geo-PKO, Natural Earth, GeoNames. */
export function attributionText(coverage: Pick<Coverage, 'gedVersions'> | null): string {
  const ged =
    coverage && coverage.gedVersions.length > 0 ? ` ${coverage.gedVersions.join(', ')}` : '';
  return `Data: UCDP GED${ged} (CC BY 4.0) · Geo-PKO v2.3 deployments · Borders: Natural Earth · Towns: GeoNames (CC BY 4.0) · Presence Atlas`;
}
