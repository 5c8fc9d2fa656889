/**
 * The documented list of live figures a caption may quote by name (`{fatalities}`), with what
 * each one means and its rule, and the caption editor's autocompletion over it. The names are the
 * schema's {@link CAPTION_FACTS}; their values come from {@link captionFacts} (`facts.ts`).
 */
import { CAPTION_FACTS, type CaptionFact } from './schema';

/** What each caption fact says, in plain words with its rule and window (README lists them). */
export const CAPTION_FACT_INFO: Readonly<Record<CaptionFact, string>> = {
  year: 'the year shown',
  mission: 'the mission (Geo-PKO acronym)',
  country: "the mission's host countries",
  fatalities:
    'one-sided violence deaths in the year, best estimate (UCDP GED), mission countries; n/a where no violence data',
  fatalities_state: 'deaths by state actors (best estimate)',
  fatalities_nonstate: 'deaths by non-state groups (best estimate)',
  fatalities_host: "deaths by the host country's own forces (state minus foreign states)",
  fatalities_low: 'deaths, low estimate (UCDP GED)',
  fatalities_high: 'deaths, high estimate (UCDP GED)',
  violent_cells: 'grid cells (about 55 km) with one-sided violence deaths in the year',
  troops: "troops at the mission's bases in the year (Geo-PKO ave.no.troops, summed)",
  bases: 'bases of the mission in the year (Geo-PKO)',
  new_bases: 'bases opened this year',
  strengthened_bases: 'bases whose troops rose by at least Δ this year',
  reduced_bases: 'bases whose troops fell this year',
  closed_bases: 'bases closed this year',
  coverage_pct:
    'share of violent cells with a base within reach r in the year, % (lag analysis, scene parameters)',
  flagged_cells: 'cells flagged as lagging (violence ≥ θ, no response within W years) this year',
  episodes: 'violence episodes (cell-years ≥ θ) over the whole mission',
  flagged_episodes: 'episodes with no response within W years, whole mission',
  response_rate_pct:
    'share of episodes that got a response (new or stronger base within reach) within W years, %',
  top_cell_fatalities: 'deaths in the worst-hit cell of the year',
  top_cell_place: 'where the worst-hit cell lies ("near Bangassou")',
  lag_windows: 'the years the lag analysis can judge (the response window fits in the data)',
};

/** One entry of the autocompletion list. */
export interface FactOption {
  name: CaptionFact;
  description: string;
}

/** The open `{name` being typed at the caret, if any: where it starts and what is typed. */
export interface FactQuery {
  /** Index of the `{`. */
  start: number;
  /** Letters typed after the `{` (may be empty). */
  prefix: string;
}

/** The `{` placeholder being typed just before `caret` (letters and `_` only), or null. */
export function factQueryAt(text: string, caret: number): FactQuery | null {
  const before = text.slice(0, caret);
  const m = /\{([a-z_]*)$/.exec(before);
  if (!m) return null;
  return { start: caret - m[0].length, prefix: m[1]! };
}

/**
 * The facts whose name starts with `prefix` first (list order), then those containing it, then
 * those whose description mentions it; an empty prefix lists all of them.
 */
export function suggestFacts(prefix: string): FactOption[] {
  const p = prefix.toLowerCase();
  const all = CAPTION_FACTS.map((name) => ({ name, description: CAPTION_FACT_INFO[name] }));
  if (p === '') return all;
  const starts = all.filter((f) => f.name.startsWith(p));
  const contains = all.filter((f) => !f.name.startsWith(p) && f.name.includes(p));
  const words = p.replace(/_/g, ' ');
  const described = all.filter(
    (f) => !f.name.includes(p) && f.description.toLowerCase().includes(words),
  );
  return [...starts, ...contains, ...described];
}

/**
 * The caption with the placeholder being typed (`query`) replaced by `{name}`; returns the new
 * text and the caret position after the inserted `}`.
 */
export function insertFact(
  text: string,
  caret: number,
  query: FactQuery,
  name: CaptionFact,
): { text: string; caret: number } {
  // Swallow the rest of a name already typed after the caret, and its closing brace.
  const after = text.slice(caret);
  const rest = /^[a-z_]*\}?/.exec(after)?.[0] ?? '';
  const inserted = `{${name}}`;
  return {
    text: text.slice(0, query.start) + inserted + after.slice(rest.length),
    caret: query.start + inserted.length,
  };
}
