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

/** Numeric query results, column by column (see {@link Duck.numbers}). */
export interface NumberColumns {
  length: number;
  columns: Float64Array[];
}

/** PRESENCE_ATLAS_PROFILE=sql logs every statement's duration (stderr). */
const SQL_PROFILE = process.env.PRESENCE_ATLAS_PROFILE === 'sql';

async function timed<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!SQL_PROFILE) return run();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    return await run();
  } finally {
    const cpu = process.cpuUsage(cpu0);
    process.stderr.write(
      `    sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms: ${sql.replace(/\s+/g, ' ').trim().slice(0, 110)}\n`,
    );
  }
}

/** A DuckDB session with small helpers. */
export class Duck {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Whether close() also closes the instance (false for a second connection). */
    private readonly ownsInstance = true,
  ) {}

  /**
   * A second connection to the same in-memory database, for work that runs concurrently
   * (DuckDB runs both on its thread pool); close it before the first.
   */
  async connect(): Promise<Duck> {
    return new Duck(this.instance, await this.instance.connect(), false);
  }

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
    await timed(sql, () => this.conn.run(sql));
  }

  /** Runs a query and returns its rows as objects (cast BIGINTs to INTEGER/DOUBLE in SQL). */
  async all<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await timed(sql, () => this.conn.runAndReadAll(sql));
    return reader.getRowObjectsJS() as T[];
  }

  /** Runs a query and returns its rows as arrays. */
  async rows(sql: string): Promise<unknown[][]> {
    const reader = await timed(sql, () => this.conn.runAndReadAll(sql));
    return reader.getRowsJS() as unknown[][];
  }

  /**
   * Runs a query whose columns are all numeric (INTEGER, DOUBLE, …; cast BIGINT sums to DOUBLE)
   * and copies them chunk by chunk into one Float64Array per column (NaN for SQL NULL): the
   * fastest way to bring many rows into JavaScript. Rows keep the query's order.
   */
  async numbers(sql: string): Promise<NumberColumns> {
    const result = await timed(sql, () => this.conn.run(sql));
    const length = result.rowCount;
    const columns = Array.from({ length: result.columnCount }, () => new Float64Array(length));
    let offset = 0;
    for (let k = 0; k < result.chunkCount; k++) {
      const chunk = result.getChunk(k);
      const n = chunk.rowCount;
      columns.forEach((col, c) => {
        const vector = chunk.getColumnVector(c);
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          col[offset + i] = v === null ? NaN : Number(v);
        }
      });
      offset += n;
    }
    return { length, columns };
  }

  /** A single value. */
  async value<T = unknown>(sql: string): Promise<T> {
    const rows = await this.rows(sql);
    return rows[0]?.[0] as T;
  }

  close(): void {
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/**
 * Longest CSV record accepted (bytes); longer ones are malformed lines. DuckDB sizes its read
 * buffers from it, so it also bounds memory (a GED record is a few kB).
 */
export const MAX_LINE_BYTES = 2_097_152;

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
    `rejects_scan='rej_scans_${tag}', max_line_size=${MAX_LINE_BYTES}, ` +
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
