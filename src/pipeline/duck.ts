/**
 * The embedded DuckDB engine (`@duckdb/node-api`, in-process, no server) and the explicit CSV
 * dialect every source is read with.
 */
import { mkdirSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** SQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SQL identifier. */
export function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A DuckDB session with small helpers. */
export class Duck {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /**
   * Opens an in-memory database bounded to `memoryLimit`, spilling to `tempDir` beyond it
   * (bounded memory for a 300 MB GED).
   */
  static async open(opts: {
    tempDir: string;
    memoryLimit?: string;
    threads?: number;
  }): Promise<Duck> {
    mkdirSync(opts.tempDir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: opts.memoryLimit ?? '512MB',
      temp_directory: opts.tempDir,
      // Return freed memory to the OS promptly: keeps peak RSS near the memory limit.
      allocator_background_threads: 'true',
      ...(opts.threads ? { threads: String(opts.threads) } : {}),
    });
    const conn = await instance.connect();
    return new Duck(instance, conn);
  }

  /** Runs statements. */
  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Runs a query and returns its rows as objects (cast BIGINTs to INTEGER/DOUBLE in SQL). */
  async all<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  }

  /** Runs a query and returns its rows as arrays. */
  async rows(sql: string): Promise<unknown[][]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowsJS() as unknown[][];
  }

  /**
   * Runs a query and returns its columns as arrays of raw values (numbers for INTEGER / DOUBLE,
   * strings for VARCHAR): the fastest way to read many rows. Rows keep table order.
   */
  async columns(sql: string): Promise<unknown[][]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getColumns() as unknown[][];
  }

  /** A single value. */
  async value<T = unknown>(sql: string): Promise<T> {
    const rows = await this.rows(sql);
    return rows[0]?.[0] as T;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/**
 * `read_csv(...)` with the explicit dialect: comma, double-quote quoting and escaping, a header
 * line, no sniffing, every column VARCHAR (numbers are TRY_CAST in SQL so that a bad value gets
 * a reason code instead of failing the read), and malformed lines stored in DuckDB's reject
 * tables with their line numbers.
 */
export function readCsvSql(file: string, header: string[], tag: string): string {
  const seen = new Map<string, number>();
  const cols = header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    const name = n === 1 ? h : `${h}_${n}`;
    return `${lit(name)}: 'VARCHAR'`;
  });
  return (
    `read_csv(${lit(file)}, delim=',', quote='"', escape='"', header=true, auto_detect=false, ` +
    `columns={${cols.join(', ')}}, store_rejects=true, rejects_table='rej_errors_${tag}', ` +
    `rejects_scan='rej_scans_${tag}', max_line_size=10000000, ` +
    `null_padding=false, strict_mode=true, encoding='utf-8')`
  );
}

/** DuckDB's CSV reject errors of the read tagged `tag`, one row per line, by line. */
export async function readRejects(
  duck: Duck,
  tag: string,
): Promise<{ line: number; error: string }[]> {
  return duck.all<{ line: number; error: string }>(`
    SELECT CAST(line AS INTEGER) AS line,
           first(error_type || ': ' || error_message ORDER BY column_idx) AS error
    FROM rej_errors_${tag} GROUP BY line ORDER BY line`);
}

/**
 * Maps 0-based record indices of the rows DuckDB kept to file lines, given the lines DuckDB
 * rejected as malformed (header = line 1; each record, kept or rejected, takes one line).
 */
export function recordLines(recs: readonly number[], malformed: readonly number[]): number[] {
  const order = recs.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
  const bad = [...new Set(malformed)].sort((a, b) => a - b);
  const out = new Array<number>(recs.length);
  let line = 1;
  let rec = -1;
  let mi = 0;
  for (const [target, at] of order) {
    while (rec < target) {
      line++;
      while (mi < bad.length && bad[mi] === line) {
        line++;
        mi++;
      }
      rec++;
    }
    out[at] = line;
  }
  return out;
}
