/**
 * The caption of an export made outside a story: the current view's key figures in one plain
 * sentence or two (civilians killed with the perpetrator filter and the rule, cells, bases and
 * troops), so that every exported image and video frame says what it shows. Violence where no
 * data covers the mission's countries is "not loaded", never zero.
 */
import { atlasData } from '../data/atlasData';
import type { Dataset, PerpetratorFilter } from '../domain/dataset';
import { PERPETRATOR_LABELS } from '../domain/perpetrator';

/** What {@link viewCaption} describes. */
export interface CaptionView {
  mission: string;
  year: number;
  perpetrator: PerpetratorFilter;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string): string =>
  `${fmt(n)} ${n === 1 ? one : many}`;

/**
 * "In 2017, UCDP GED recorded 1,234 civilians killed in one-sided violence (best estimate, all
 * perpetrators) in the Central African Republic, in 45 grid cells. MINUSCA had 20 bases with
 * 11,000 troops (Geo-PKO yearly averages)." — from the dataset's selectors (`src/data`).
 */
export function viewCaption(dataset: Dataset, view: CaptionView): string {
  const { sel } = atlasData(dataset);
  const s = sel.yearSummary(view.mission, view.year, view.perpetrator);
  const { covered, missing } = sel.missionCoverage(view.mission, view.year);
  const who =
    view.perpetrator === 'all' ? 'all perpetrators' : PERPETRATOR_LABELS[view.perpetrator];
  const parts: string[] = [];
  if (s.fatalities === null) {
    const where = missing.length > 0 ? missing.join(', ') : 'the mission’s countries';
    parts.push(
      `${view.year}: violence data not loaded for ${where}, so deaths are not computed (not zero).`,
    );
  } else {
    const cells = s.cells === 0 ? '' : `, in ${plural(s.cells, 'grid cell', 'grid cells')}`;
    parts.push(
      `In ${view.year}, UCDP GED recorded ${plural(s.fatalities, 'civilian', 'civilians')} killed in one-sided violence (best estimate, ${who.toLowerCase()}) in ${covered.join(', ')}${cells}.`,
    );
    if (missing.length > 0) parts.push(`No violence data loaded for ${missing.join(', ')}.`);
  }
  const unknown =
    s.unknownTroops > 0
      ? `; ${plural(s.unknownTroops, 'base', 'bases')} without a troop figure`
      : '';
  parts.push(
    s.bases === 0
      ? `${view.mission} had no base recorded that year.`
      : `${view.mission} had ${plural(s.bases, 'base', 'bases')} with ${plural(s.troops, 'troop', 'troops')} (Geo-PKO yearly averages${unknown}).`,
  );
  return parts.join(' ');
}

/**
 * The caption of a World view export, three lines beside the long mission legend (the year is
 * drawn above it, the sources in the strip): "16 missions, 295 bases, 94,612 troops (+8 bases
 * unknown); 432 civilians killed (GED best) where loaded: 1 of 23 host countries." —
 * `dep.worldSummary`, the timeline footer's figures; "not loaded (not zero)" where none has data.
 */
export function worldCaption(
  dataset: Dataset,
  view: { year: number; perpetrator: PerpetratorFilter; missions: readonly string[] },
): string {
  const s = atlasData(dataset).dep.worldSummary(view.year, view.missions, view.perpetrator);
  if (s.bases === 0) return 'No base of the chosen missions recorded this year.';
  const who =
    view.perpetrator === 'all' ? '' : `, ${PERPETRATOR_LABELS[view.perpetrator].toLowerCase()}`;
  const unknown =
    s.unknownTroops > 0 ? ` (+${plural(s.unknownTroops, 'base', 'bases')} unknown)` : '';
  const hosts = s.covered.length + s.missing.length;
  const bases = `${plural(s.missions, 'mission', 'missions')}, ${plural(s.bases, 'base', 'bases')}, ${plural(s.troops, 'troop', 'troops')}${unknown}`;
  if (s.fatalities === null)
    return `${bases}; violence data not loaded for their host countries (not zero).`;
  const where =
    s.missing.length === 0
      ? `in ${plural(hosts, 'host country', 'host countries')}`
      : `where loaded: ${fmt(s.covered.length)} of ${plural(hosts, 'host country', 'host countries')}`;
  return `${bases}; ${plural(s.fatalities, 'civilian', 'civilians')} killed (GED best${who}) ${where}.`;
}

/**
 * The caption of a small-multiples sheet: the years shown, the deaths summed over the years with
 * violence data (and which years have none) and the range of troop figures.
 */
export function sheetCaption(
  mission: string,
  perpetrator: PerpetratorFilter,
  panels: readonly { year: number; fatalities: number | null; troops: number }[],
): string {
  if (panels.length === 0) return `${mission}: no years to show.`;
  const withData = panels.filter((p) => p.fatalities !== null);
  const without = panels.filter((p) => p.fatalities === null).map((p) => p.year);
  const who = perpetrator === 'all' ? 'all perpetrators' : PERPETRATOR_LABELS[perpetrator];
  const parts: string[] = [];
  if (withData.length > 0) {
    const total = withData.reduce((a, p) => a + (p.fatalities ?? 0), 0);
    const first = withData[0]!.year;
    const last = withData[withData.length - 1]!.year;
    const span = first === last ? String(first) : `${first}–${last}`;
    parts.push(
      `${plural(total, 'civilian', 'civilians')} killed in one-sided violence in ${span} (UCDP GED best estimates, ${who.toLowerCase()}).`,
    );
  }
  if (without.length > 0) parts.push(`No violence data for ${yearList(without)} (not zero).`);
  const troops = panels.map((p) => p.troops);
  parts.push(
    `${mission} troops (Geo-PKO yearly averages): ${fmt(Math.min(...troops))} to ${fmt(Math.max(...troops))}.`,
  );
  return parts.join(' ');
}

/** "2014, 2016–2018" for a sorted list of years. */
function yearList(years: readonly number[]): string {
  const runs: string[] = [];
  let start = years[0]!;
  let prev = start;
  for (const y of [...years.slice(1), Number.NaN]) {
    if (y === prev + 1) {
      prev = y;
      continue;
    }
    runs.push(start === prev ? String(start) : `${start}–${prev}`);
    start = y;
    prev = y;
  }
  return runs.join(', ');
}
