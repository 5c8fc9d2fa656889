/**
 * Typed columns: what the browser-data decoder ({@link decodeColumns} in `encoding.ts`) turns a
 * column-major table file into — one typed array per column instead of one object per row. Pure.
 *
 * Nulls are sentinels: {@link INT_NULL} in an `int` column, NaN in a `num` column,
 * {@link BOOL_NULL} in a `bool` column, code −1 in a `str` column (codes index `dict`).
 */

/** One value of a table column as a decoded row holds it. */
export type ColumnValue = number | string | boolean | null | string[];

/** The null of an `int` column (its values are whole numbers in ±2,147,483,647). */
export const INT_NULL = -2147483648;
/** The largest magnitude an `int` column stores. */
export const INT_MAX = 2147483647;
/** The null of a `bool` column (0 false, 1 true). */
export const BOOL_NULL = 2;

/** One decoded column. */
export type TypedColumn =
  | { type: 'int'; values: Int32Array }
  | { type: 'num'; values: Float64Array }
  | { type: 'bool'; values: Uint8Array }
  | { type: 'str'; codes: Int32Array; dict: readonly string[] }
  | { type: 'strList'; values: (string[] | null)[] };

/** A decoded table: its row count and its columns by name (in the table spec's order). */
export interface TypedTable {
  length: number;
  columns: ReadonlyMap<string, TypedColumn>;
}

/** Row `i` of a column as a decoded row holds it (null where the column is null). */
export function columnValue(col: TypedColumn, i: number): ColumnValue {
  switch (col.type) {
    case 'int': {
      const v = col.values[i]!;
      return v === INT_NULL ? null : v;
    }
    case 'num': {
      const v = col.values[i]!;
      return Number.isNaN(v) ? null : v;
    }
    case 'bool': {
      const v = col.values[i]!;
      return v === BOOL_NULL ? null : v === 1;
    }
    case 'str': {
      const c = col.codes[i]!;
      return c < 0 ? null : col.dict[c]!;
    }
    case 'strList':
      return col.values[i] ?? null;
  }
}

/** Row `i` of a column as a number, null (and a non-numeric column) as 0. */
export function numberAt(col: TypedColumn, i: number): number {
  if (col.type === 'int') {
    const v = col.values[i]!;
    return v === INT_NULL ? 0 : v;
  }
  if (col.type === 'num') {
    const v = col.values[i]!;
    return Number.isNaN(v) ? 0 : v;
  }
  if (col.type === 'bool') return col.values[i] === 1 ? 1 : 0;
  return 0;
}

/** Whether row `i` of a mask column marks its row present (not null, 0 or false). */
export function presentAt(col: TypedColumn, i: number): boolean {
  switch (col.type) {
    case 'int': {
      const v = col.values[i]!;
      return v !== INT_NULL && v !== 0;
    }
    case 'num': {
      const v = col.values[i]!;
      return !Number.isNaN(v) && v !== 0;
    }
    case 'bool':
      return col.values[i] === 1;
    case 'str':
      return col.codes[i]! >= 0;
    case 'strList':
      return col.values[i] != null;
  }
}

/** Sets row `i` of a column to null. */
export function setNull(col: TypedColumn, i: number): void {
  switch (col.type) {
    case 'int':
      col.values[i] = INT_NULL;
      return;
    case 'num':
      col.values[i] = NaN;
      return;
    case 'bool':
      col.values[i] = BOOL_NULL;
      return;
    case 'str':
      col.codes[i] = -1;
      return;
    case 'strList':
      col.values[i] = null;
  }
}
