/**
 * A story's highlighted base is named in bold beside its ring; the basemap's town label of the
 * same place would say the same name a second time. These pure helpers find the town labels a
 * highlight replaces, for the live map (places feature) and the Canvas-2D exports alike.
 */

/** A named point (a town or a base). */
export interface NamedPoint {
  name: string;
  lon: number;
  lat: number;
}

/** A town of the same name within this many degrees of the base is the base's own town. */
export const SAME_NAME_DEGREES = 0.5;
/** Any town this close to a highlighted base (degrees, ≈ 6 km) is its town, whatever the spelling. */
export const SAME_PLACE_DEGREES = 0.05;

/** Lower case without accents or punctuation: "Bossembélé" and "Bossembele" match. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Whether the town label of `place` is replaced by one of the highlighted bases: the same name
 * within {@link SAME_NAME_DEGREES}, or any name within {@link SAME_PLACE_DEGREES}.
 */
export function isReplacedBy(place: NamedPoint, highlights: readonly NamedPoint[]): boolean {
  const name = normalizeName(place.name);
  for (const h of highlights) {
    const d = Math.max(Math.abs(h.lon - place.lon), Math.abs(h.lat - place.lat));
    if (d <= SAME_PLACE_DEGREES) return true;
    if (d <= SAME_NAME_DEGREES && normalizeName(h.name) === name) return true;
  }
  return false;
}

/**
 * The places without those whose label a highlighted base replaces. Returns `places` itself
 * (same array) when nothing is highlighted or nothing is replaced, so memoised layers keep.
 */
export function withoutReplacedPlaces<T extends NamedPoint>(
  places: readonly T[],
  highlights: readonly NamedPoint[],
): readonly T[] {
  if (highlights.length === 0) return places;
  const kept = places.filter((p) => !isReplacedBy(p, highlights));
  return kept.length === places.length ? places : kept;
}
