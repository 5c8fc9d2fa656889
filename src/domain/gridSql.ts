/**
 * The PRIO-GRID rule of `grid.ts` as DuckDB SQL, so that the pipeline's SQL and the TypeScript
 * domain code compute the same cells (tests check them against each other, edges included).
 */
import { CELL_DEG, GRID_COLS, GRID_ROWS } from './grid';

/**
 * SQL expression for the gid of a point; `latExpr` / `lonExpr` are DOUBLE expressions already
 * validated to lie in [-90, 90] × [-180, 180]. Mirrors {@link gidOf}: floor, with lat = 90 and
 * lon = 180 clamped into the last row / column.
 */
export function gidSql(latExpr: string, lonExpr: string): string {
  const row = `least(${GRID_ROWS - 1}, floor((${latExpr} + 90) / ${CELL_DEG}))`;
  const col = `least(${GRID_COLS - 1}, floor((${lonExpr} + 180) / ${CELL_DEG}))`;
  return `CAST(${row} * ${GRID_COLS} + ${col} + 1 AS INTEGER)`;
}

/** SQL expressions for a cell's centroid latitude and longitude; mirror {@link cellCentroid}. */
export function centroidSql(gidExpr: string): { lat: string; lon: string } {
  return {
    lat: `(-90 + floor((${gidExpr} - 1) / ${GRID_COLS}) * ${CELL_DEG} + ${CELL_DEG / 2})`,
    lon: `(-180 + ((${gidExpr} - 1) % ${GRID_COLS}) * ${CELL_DEG} + ${CELL_DEG / 2})`,
  };
}
