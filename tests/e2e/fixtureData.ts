/**
 * A small but realistic fixture dataset for the browser tests when the real source data
 * (`../shared/data/`) is absent: MINUSCA in the Central African Republic 2014–2024 with violence
 * cells for 2014–2022 (GED coverage of the CAR only), and UNMISS (South Sudan, no violence data).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OsvEvent } from '../../src/domain/coverage';
import type { Dataset } from '../../src/domain/dataset';
import { DATASET_FILES, encodeDataset } from '../../src/domain/encoding';
import { encodeOsvEvents, OSV_EVENTS_FILE } from '../../src/domain/eventsEncoding';
import { cellCentroid, gidOf } from '../../src/domain/grid';
import { baseYear, base, cellYear, coverage, dataset } from '../fixtures/factories';

/** The fixture: deterministic, hand-picked places near real towns. */
export function e2eFixtureDataset(): Dataset {
  const years = Array.from({ length: 11 }, (_, i) => 2014 + i);
  const minusca = [
    { location: 'Bangui', lat: 4.37, lon: 18.56, troops: 3000, hq: 3 as const },
    { location: 'Bambari', lat: 5.76, lon: 20.67, troops: 800, hq: 1 as const },
    { location: 'Bria', lat: 6.54, lon: 21.99, troops: 450, hq: 0 as const },
    { location: 'Kaga Bandoro', lat: 6.99, lon: 19.18, troops: 600, hq: 1 as const },
    { location: 'Bouar', lat: 5.93, lon: 15.6, troops: 0, hq: 0 as const },
  ];
  const unmiss = [
    { location: 'Juba', lat: 4.85, lon: 31.58, troops: 2500, hq: 3 as const },
    { location: 'Malakal', lat: 9.53, lon: 31.66, troops: null, hq: 1 as const },
  ];
  const bases = [
    ...minusca.map((b) =>
      base({
        location: b.location,
        lat: b.lat,
        lon: b.lon,
        mission: 'MINUSCA',
        gid: gidOf(b.lat, b.lon),
      }),
    ),
    ...unmiss.map((b) =>
      base({
        location: b.location,
        lat: b.lat,
        lon: b.lon,
        mission: 'UNMISS',
        country: 'South Sudan',
        gid: gidOf(b.lat, b.lon),
      }),
    ),
  ];
  const spec = [...minusca, ...unmiss];
  const baseYears = bases.flatMap((b) => {
    const s = spec.find((x) => x.location === b.location)!;
    return years.map((y, i) =>
      baseYear(b, y, {
        troops: s.troops === null ? null : s.troops === 0 ? 0 : s.troops + i * 25,
        hq: s.hq,
        units: s.troops ? ['Infantry'] : [],
        tcc: s.troops ? ['Nepal (150)'] : [],
        tccCount: s.troops ? 1 : null,
      }),
    );
  });
  // Violence: a cluster that moves east over the years.
  const cellYears = years
    .filter((y) => y <= 2022)
    .flatMap((y, i) => [
      cellYear({ gid: gidOf(4.4, 18.6), year: y, state: 3 + i, nonstate: 20 - i }),
      cellYear({
        gid: gidOf(5.8 + (i % 3) * 0.5, 20.2 + i * 0.5),
        year: y,
        state: 0,
        nonstate: 40 + 30 * i,
        topPerpetrators: [{ name: 'UPC', perpetrator: 'nonstate', best: 40 + 30 * i }],
      }),
      cellYear({ gid: gidOf(6.9, 19.2), year: y, state: 12, nonstate: 0 }),
      cellYear({ gid: gidOf(7.3, 16.4 + (i % 4)), year: y, state: 1, nonstate: 5 + 60 * (i % 2) }),
    ]);
  return dataset({
    bases,
    baseYears,
    cellYears,
    coverage: coverage({ years: [1989, 2022], countries: ['Central African Republic'] }),
  });
}

/**
 * Writes the fixture's browser files into `dir` (a `public/data` folder); returns the host
 * countries (for the basemap).
 */
export async function writeFixtureData(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const ds = e2eFixtureDataset();
  const enc = encodeDataset(ds);
  for (const file of DATASET_FILES) {
    await writeFile(join(dir, file), JSON.stringify(enc[file]));
  }
  await writeFile(join(dir, OSV_EVENTS_FILE), JSON.stringify(encodeOsvEvents(fixtureEvents(ds))));
  return [...new Set(ds.missions.flatMap((m) => m.countries))].sort();
}

/**
 * The fixture's events table: each cell-year's state and non-state one-sided violence as one
 * event each at the cell centre (January, exact location), so that the coverage view has points.
 */
export function fixtureEvents(ds: Dataset): OsvEvent[] {
  const out: OsvEvent[] = [];
  for (const c of ds.cellYears) {
    const [lon, lat] = cellCentroid(c.gid);
    for (const [est, perpetrator] of [
      [c.osvState, 'state'],
      [c.osvNonState, 'nonstate'],
    ] as const)
      if (est.events > 0)
        out.push({ year: c.year, month: 1, lon, lat, best: est.best, low: est.low, high: est.high, perpetrator, foreign: false, wherePrec: 1, country: c.country }); // prettier-ignore
  }
  return out;
}
