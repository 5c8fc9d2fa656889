/**
 * Troops per contributing country (TCC), from the entries Geo-PKO writes in TCCMap `year.overview`
 * and the v2.0 monthly `name.of.TCC` / `No.troops.per.TCC` columns: "Nepal (150)",
 * "Bangladesh (size unknown)", "Korea (ROK) (150)". Pure.
 *
 * Rules (ARCHITECTURE.md, "Contributing countries"): the figure is the number in the last
 * parentheses of an entry; "size unknown" (or no parentheses, or NA) is unknown — null, never 0.
 * Anything else in the last parentheses ("(abc)", "(-5)", "(1.5)") is not a troop figure: the
 * entry is rejected with a named reason.
 */

/** One contributing country's troops at a location (null: Geo-PKO gives no size). */
export interface TccFigure {
  /** The country as Geo-PKO writes it ("Korea (ROK)", "Nepal"). */
  country: string;
  troops: number | null;
}

/** Why an entry is not a troop figure. */
export class TccEntryError extends Error {
  constructor(
    readonly entry: string,
    readonly why: string,
  ) {
    super(`contributor entry "${entry}": ${why}`);
  }
}

const UNKNOWN_SIZE = /^(size unknown|unknown|na|n\/a|\?)$/i;

/**
 * Parses one entry: "Nepal (150)" → Nepal, 150; "Nepal (size unknown)" → Nepal, null;
 * "Korea (ROK) (150)" → "Korea (ROK)", 150; "Nepal" → Nepal, null. Throws {@link TccEntryError}
 * for an entry without a name or whose last parentheses hold something other than a whole,
 * non-negative number or "size unknown".
 */
export function parseTccEntry(entry: string): TccFigure {
  const s = entry.trim();
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(s);
  if (!m) {
    if (s === '' || /[()]/.test(s)) throw new TccEntryError(entry, 'no country name');
    return { country: s, troops: null };
  }
  const country = (m[1] ?? '').trim();
  const inner = (m[2] ?? '').trim();
  if (country === '') throw new TccEntryError(entry, 'no country name');
  if (UNKNOWN_SIZE.test(inner) || inner === '') return { country, troops: null };
  if (!/^\d+$/.test(inner))
    throw new TccEntryError(entry, `"${inner}" is not a whole number of troops or "size unknown"`);
  return { country, troops: Number(inner) };
}

/** The canonical text of a figure, as the dataset stores it: "Nepal (150)", "Nepal (size unknown)". */
export function tccEntryText(f: TccFigure): string {
  return `${f.country} (${f.troops === null ? 'size unknown' : f.troops})`;
}

/**
 * The figures of stored entries (already validated by the build); an entry that does not parse
 * is kept as a country of unknown size rather than dropped.
 */
export function tccFigures(entries: readonly string[]): TccFigure[] {
  return entries.map((e) => {
    try {
      return parseTccEntry(e);
    } catch {
      return { country: e.trim(), troops: null };
    }
  });
}

/**
 * The contributors of several rows of one location (rows of one map, or the maps of a year) as
 * one list: each country once, in the order it first appears, with the rounded mean of the troop
 * figures the rows give it (size unknown when none gives one): the rule the troops of such rows
 * follow (`mergeTroops` in `deployments.ts`).
 */
export function mergeContributors(entries: readonly string[]): string[] {
  const byCountry = new Map<string, number[]>();
  for (const f of tccFigures(entries)) {
    const known = byCountry.get(f.country) ?? [];
    if (f.troops !== null) known.push(f.troops);
    byCountry.set(f.country, known);
  }
  return [...byCountry].map(([country, known]) =>
    tccEntryText({
      country,
      troops: known.length ? Math.round(known.reduce((a, v) => a + v, 0) / known.length) : null,
    }),
  );
}

/** A contributing country's troops summed over several locations. */
export interface TccTotal {
  country: string;
  /** Sum of the known figures (null when none is known). */
  troops: number | null;
  /** Locations where the country is listed. */
  locations: number;
  /** Of those, locations where its size is unknown (their troops are not in `troops`). */
  unknownAt: number;
}

/**
 * Troops per contributing country over several locations' entries: known figures summed,
 * unknown sizes counted apart (a country only ever listed with unknown size has troops null).
 * Sorted by troops (largest first; unknown last), then by name.
 */
export function tccTotals(locations: readonly (readonly string[])[]): TccTotal[] {
  const acc = new Map<string, TccTotal>();
  for (const entries of locations) {
    for (const f of tccFigures(entries)) {
      let t = acc.get(f.country);
      if (!t)
        acc.set(f.country, (t = { country: f.country, troops: null, locations: 0, unknownAt: 0 }));
      t.locations++;
      if (f.troops === null) t.unknownAt++;
      else t.troops = (t.troops ?? 0) + f.troops;
    }
  }
  return [...acc.values()].sort(
    (a, b) =>
      (b.troops ?? -1) - (a.troops ?? -1) ||
      (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
  );
}
