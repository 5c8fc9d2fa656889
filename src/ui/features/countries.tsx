/**
 * Countries feature (the Geo-PKO dashboard's TCCMap table and composition chart): a side-panel
 * tab with the troops per contributing country of the mission — for the year shown or every year
 * — sortable, searchable and downloadable as CSV (formula-safe), a chart of the top contributors
 * over the years, and the mission's composition by unit type over the years. Figures are
 * Geo-PKO's TCCMap entries summed over the mission's locations; a size Geo-PKO does not give
 * stays unknown (counted apart), never 0.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CountryYear } from '../../data/deploymentSelectors';
import { csvLine } from '../../domain/csv';
import { useData } from '../dataContext';
import { downloadText } from '../lag/download';
import { fmt } from '../format';
import { usePlot } from '../plot';
import { useAtlas } from '../store';
import { NOTHING, type Feature } from './contract';
import { monthLabel } from './maps';
import '../deployments.css';

type SortKey = 'country' | 'year' | 'troops' | 'locations' | 'unknownAt';

/**
 * The CSV of the rows shown (one row per country and year), with the rule in a header line; with
 * `map` ("YYYY-MM"), the rows of that deployment map (its month in a `map` column).
 */
export function countriesCsv(
  mission: string,
  rows: readonly CountryYear[],
  map: string | null = null,
): string {
  const rule = map
    ? `# Troops per contributing country on the deployment map of ${map}, Geo-PKO v2.0 monthly file name.of.TCCn / No.troops.per.TCCn entries summed over the map’s locations; troops empty = no size given at any location (unknown, not 0)`
    : '# Troops per contributing country, Geo-PKO TCCMap v2.3 year.overview entries summed over the mission’s locations; troops empty = no size given at any location (unknown, not 0)';
  return [
    csvLine([rule]),
    csvLine([
      'mission',
      'year',
      ...(map ? ['map'] : []),
      'country',
      'troops',
      'locations',
      'locations_size_unknown',
    ]),
    ...rows.map((r) =>
      csvLine([
        mission,
        r.year,
        ...(map ? [map] : []),
        r.country,
        r.troops,
        r.locations,
        r.unknownAt,
      ]),
    ),
  ].join('\n');
}

function compare(a: CountryYear, b: CountryYear, key: SortKey): number {
  if (key === 'country') return a.country.localeCompare(b.country) || a.year - b.year;
  const va = key === 'troops' ? (a.troops ?? -1) : a[key];
  const vb = key === 'troops' ? (b.troops ?? -1) : b[key];
  return va - vb || a.country.localeCompare(b.country);
}

function TopContributorsChart(props: { rows: readonly CountryYear[]; years: readonly number[] }) {
  const Plot = usePlot();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!Plot || !el) return;
    const totals = new Map<string, number>();
    for (const r of props.rows)
      totals.set(r.country, (totals.get(r.country) ?? 0) + (r.troops ?? 0));
    const top = [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([c]) => c);
    const data = props.rows.filter((r) => top.includes(r.country) && r.troops !== null);
    if (data.length === 0) {
      el.replaceChildren();
      return;
    }
    const chart = Plot.plot({
      width: Math.max(260, el.clientWidth),
      height: 180,
      marginLeft: 44,
      x: {
        label: null,
        tickFormat: 'd',
        domain: [props.years[0], props.years[props.years.length - 1]],
      },
      y: { label: 'troops (known sizes)', grid: true },
      color: { legend: true, domain: top },
      marks: [
        Plot.line(data, { x: 'year', y: 'troops', stroke: 'country', marker: 'dot' }),
        Plot.ruleY([0]),
      ],
    });
    el.replaceChildren(chart);
  }, [Plot, props.rows, props.years]);
  return (
    <figure className="countries-chart">
      <figcaption>Top 5 contributors over the years</figcaption>
      <div ref={ref} data-testid="countries-chart" />
    </figure>
  );
}

function CompositionChart(props: { mission: string }) {
  const { data } = useData();
  const Plot = usePlot();
  const ref = useRef<HTMLDivElement>(null);
  const rows = data.dep.composition(props.mission);
  useEffect(() => {
    const el = ref.current;
    if (!Plot || !el) return;
    const known = rows.filter((r) => r.troops !== null);
    if (known.length === 0) {
      el.replaceChildren();
      return;
    }
    el.replaceChildren(
      Plot.plot({
        width: Math.max(260, el.clientWidth),
        height: 200,
        marginLeft: 44,
        x: { label: null, tickFormat: 'd' },
        y: { label: 'troops at sites with the unit', grid: true },
        color: { legend: true },
        marks: [
          Plot.line(known, { x: 'year', y: 'troops', stroke: 'unit', marker: 'dot' }),
          Plot.ruleY([0]),
        ],
      }),
    );
  }, [Plot, rows]);
  return (
    <figure className="countries-chart">
      <figcaption>
        Composition: troops at sites listing each unit type (Geo-PKO FrontMap + TTMap; a site with
        several types counts in each)
      </figcaption>
      <div ref={ref} data-testid="composition-chart" />
    </figure>
  );
}

/** The "Countries" side-panel tab. */
function CountriesPanel() {
  const { data } = useData();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  // What the table shows: the year shown, every year, or one deployment map ("YYYY-MM").
  const [shown, setShown] = useState<'year' | 'all' | string>('year');
  const maps = data.dep.mapMonths(mission);
  const map = shown !== 'year' && shown !== 'all' && maps.includes(shown) ? shown : null;
  const allYears = shown === 'all';
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'troops', desc: true });
  const byYear = data.dep.countriesByYear(mission);
  const years = data.sel.mission(mission)?.years ?? [];
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const base = map
      ? data.dep.countriesOfMap(mission, map).map((c) => ({ ...c, year: Number(map.slice(0, 4)) }))
      : allYears
        ? byYear
        : byYear.filter((r) => r.year === year);
    const list = q ? base.filter((r) => r.country.toLowerCase().includes(q)) : [...base];
    list.sort((a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key));
    return list;
  }, [byYear, allYears, map, data, mission, year, query, sort]);
  const header = (key: SortKey, label: string, num = false) => (
    <th
      scope="col"
      className={num ? 'num' : undefined}
      aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="linklike"
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'country' }))}
      >
        {label}
      </button>
    </th>
  );
  const listed = map ? rows.length > 0 || query.trim() !== '' : byYear.some((r) => r.year === year);
  return (
    <div className="countries-panel" data-testid="countries-panel">
      <h2>
        {mission} contributing countries
        {map ? `, map of ${monthLabel(map)}` : allYears ? '' : `, ${year}`}
      </h2>
      <p className="muted">
        {map
          ? 'Troops per country on this UN deployment map = the contributors the map lists (Geo-PKO v2.0 monthly file, “Nepal (150)”) summed over its locations'
          : 'Troops per country = Geo-PKO TCCMap entries (“Nepal (150)”) summed over the mission’s locations'}
        ; “size unknown” entries are counted apart, never as 0.
        {maps.length > 0
          ? ` ${fmt(maps.length)} deployment maps list contributors per map (choose one under Show).`
          : ' No deployment map of this mission lists contributors per map (the monthly files cover 1994–2018).'}
      </p>
      <div className="countries-controls">
        <label>
          Search{' '}
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Country"
            data-testid="countries-search"
          />
        </label>
        <label>
          Show{' '}
          <select
            value={map ?? (allYears ? 'all' : 'year')}
            onChange={(e) => setShown(e.target.value)}
            data-testid="countries-shown"
          >
            <option value="year">{year}</option>
            <option value="all">Every year</option>
            {maps.length > 0 ? (
              <optgroup label="Deployment map of">
                {maps.map((k) => (
                  <option key={k} value={k}>
                    {monthLabel(k)}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="countries-csv"
          onClick={() =>
            downloadText(
              `${mission}_contributors${map ? `_map_${map}` : allYears ? '' : `_${year}`}.csv`,
              countriesCsv(mission, rows, map),
            )
          }
        >
          CSV
        </button>
      </div>
      {!listed && !allYears ? (
        <p data-testid="countries-none">
          {map
            ? `The deployment map of ${monthLabel(map)} names no contributing countries for ${mission} (not given, not zero).`
            : `Geo-PKO TCCMap lists no contributing countries for ${mission} in ${year} (not loaded, not zero).`}
        </p>
      ) : (
        <div className="countries-scroll">
          <table className="countries-table" data-testid="countries-table">
            <caption className="visually-hidden">Troops per contributing country</caption>
            <thead>
              <tr>
                {header('country', 'Country')}
                {allYears ? header('year', 'Year', true) : null}
                {header('troops', 'Troops', true)}
                {header('locations', 'Sites', true)}
                {header('unknownAt', 'Size unknown at', true)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.country}-${r.year}`}>
                  <td>{r.country}</td>
                  {allYears ? <td className="num">{r.year}</td> : null}
                  <td className="num">{r.troops === null ? 'unknown' : fmt(r.troops)}</td>
                  <td className="num">{fmt(r.locations)}</td>
                  <td className="num">{r.unknownAt > 0 ? fmt(r.unknownAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TopContributorsChart rows={byYear} years={years} />
      <CompositionChart mission={mission} />
    </div>
  );
}

/** The Countries feature (a side-panel tab only). */
export const countriesFeature: Feature = {
  id: 'countries',
  useMap: () => NOTHING,
  panels: [{ id: 'countries', label: 'Countries', Component: CountriesPanel }],
};
