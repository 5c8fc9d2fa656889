/**
 * PRIO-GRID: a global grid of 0.5° × 0.5° cells (about 55 km × 55 km at the equator).
 *
 * `gid = row * 720 + col + 1` with `row = floor((lat + 90) / 0.5)` (0 at the south pole) and
 * `col = floor((lon + 180) / 0.5)` (0 at the antimeridian). A point exactly on a cell edge belongs
 * to the cell north / east of the edge (floor). The closed upper bounds are clamped into the last
 * row / column: lat = 90 lies in row 359 and lon = 180 in column 719 (the same cell as
 * lon = 179.75), so every valid coordinate has exactly one cell.
 */

export const CELL_DEG = 0.5;
export const GRID_COLS = 720;
export const GRID_ROWS = 360;
export const MAX_GID = GRID_COLS * GRID_ROWS;

/** A [longitude, latitude] pair. */
export type LonLat = [number, number];

/** True when lat ∈ [-90, 90] and lon ∈ [-180, 180] and both are finite numbers. */
export function isValidCoordinate(lat: number, lon: number): boolean {
  return (
    Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
  );
}

/** Row (0 = southernmost) of a latitude. */
export function rowOf(lat: number): number {
  return Math.min(GRID_ROWS - 1, Math.floor((lat + 90) / CELL_DEG));
}

/** Column (0 = westernmost, at -180°) of a longitude. */
export function colOf(lon: number): number {
  return Math.min(GRID_COLS - 1, Math.floor((lon + 180) / CELL_DEG));
}

/**
 * PRIO-GRID cell id of a point. Throws a RangeError for coordinates outside the globe; callers
 * that validate input should check {@link isValidCoordinate} first and reject the row.
 */
export function gidOf(lat: number, lon: number): number {
  if (!isValidCoordinate(lat, lon)) {
    throw new RangeError(`coordinate out of range: lat ${lat}, lon ${lon}`);
  }
  return rowOf(lat) * GRID_COLS + colOf(lon) + 1;
}

/** True for an integer gid in 1..259200. */
export function isValidGid(gid: number): boolean {
  return Number.isInteger(gid) && gid >= 1 && gid <= MAX_GID;
}

/** Row and column of a gid. */
export function rowColOf(gid: number): { row: number; col: number } {
  const i = gid - 1;
  return { row: Math.floor(i / GRID_COLS), col: i % GRID_COLS };
}

/** gid of a row and column; the column wraps around the antimeridian. */
export function gidAt(row: number, col: number): number {
  const c = ((col % GRID_COLS) + GRID_COLS) % GRID_COLS;
  return row * GRID_COLS + c + 1;
}

/** South-west corner of a cell as [lon, lat]. */
export function cellOrigin(gid: number): LonLat {
  const { row, col } = rowColOf(gid);
  return [-180 + col * CELL_DEG, -90 + row * CELL_DEG];
}

/** Centre of a cell as [lon, lat]. */
export function cellCentroid(gid: number): LonLat {
  const [lon, lat] = cellOrigin(gid);
  return [lon + CELL_DEG / 2, lat + CELL_DEG / 2];
}

/** The cell's outline as a closed ring of [lon, lat] (counter-clockwise, first = last). */
export function cellPolygon(gid: number): LonLat[] {
  const [w, s] = cellOrigin(gid);
  const e = w + CELL_DEG;
  const n = s + CELL_DEG;
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

/**
 * The cells within `r` rings of `gid`, the cell itself included: r = 0 is the cell alone, r = 1
 * the 3 × 3 block, r = 2 the 5 × 5 block. Columns wrap around the antimeridian; rows stop at the
 * poles. Sorted ascending.
 */
export function neighbours(gid: number, r: number): number[] {
  if (!Number.isInteger(r) || r < 0)
    throw new RangeError(`ring radius must be a whole number ≥ 0, got ${r}`);
  const { row, col } = rowColOf(gid);
  const out = new Set<number>();
  for (let dr = -r; dr <= r; dr++) {
    const rr = row + dr;
    if (rr < 0 || rr >= GRID_ROWS) continue;
    for (let dc = -r; dc <= r; dc++) out.add(gidAt(rr, col + dc));
  }
  return [...out].sort((a, b) => a - b);
}

/** Chebyshev ring distance between two cells (0 = same cell), with antimeridian wrap. */
export function ringDistance(a: number, b: number): number {
  const pa = rowColOf(a);
  const pb = rowColOf(b);
  const dc = Math.abs(pa.col - pb.col);
  return Math.max(Math.abs(pa.row - pb.row), Math.min(dc, GRID_COLS - dc));
}
