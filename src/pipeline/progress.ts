/**
 * Progress output of the data build: a cli-progress bar for long steps on a terminal, one line
 * per finished step otherwise; silent when quiet.
 */
import cliProgress from 'cli-progress';
import type { Duck } from './duck';

/** A running step. */
export interface Step {
  /** Reports progress in the step's units (bytes, rows or percent). */
  update(done: number): void;
  /** Ends the step, printing its duration and an optional summary. */
  stop(summary?: string): void;
}

/** Progress reporting for the build. */
export interface Progress {
  log(message: string): void;
  start(label: string, total?: number): Step;
  /** Runs a DuckDB statement as a step, with DuckDB's own progress shown on a terminal. */
  duckStep(duck: Duck, label: string, sql: string): Promise<void>;
}

const fmtSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Creates the build's progress reporter. */
export function createProgress(opts: {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
  /** Collect the lines here instead of writing them (no bars): for work running alongside. */
  lines?: string[];
}): Progress {
  const stream = opts.stream ?? process.stderr;
  const quiet = opts.quiet ?? false;
  const lines = opts.lines;
  const tty = !quiet && !lines && stream.isTTY === true;
  // PRESENCE_ATLAS_PROFILE=1 adds memory figures to every step line.
  const profile = Boolean(process.env.PRESENCE_ATLAS_PROFILE);
  const log = (message: string): void => {
    if (quiet) return;
    if (lines) lines.push(message);
    else stream.write(`${message}\n`);
  };
  const start = (label: string, total?: number): Step => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let bar: cliProgress.SingleBar | null = null;
    if (tty && total) {
      bar = new cliProgress.SingleBar(
        {
          format: `  ${label} [{bar}] {percentage}% | {duration}s`,
          stream,
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    }
    return {
      update(done) {
        bar?.update(Math.min(done, total ?? done));
      },
      stop(summary) {
        bar?.stop();
        const cpu = process.cpuUsage(cpu0);
        const mem = profile
          ? `, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`
          : '';
        log(
          `  ✓ ${label}${summary ? `: ${summary}` : ''} (${fmtSeconds(performance.now() - t0)}${mem})`,
        );
      },
    };
  };
  return {
    log,
    start,
    async duckStep(duck, label, sql) {
      const step = start(label, 100);
      const timer = tty
        ? setInterval(() => {
            const p = duck.conn.progress;
            if (p.percentage >= 0) step.update(p.percentage);
          }, 200)
        : null;
      try {
        await duck.run(sql);
      } finally {
        if (timer) clearInterval(timer);
      }
      step.stop();
    },
  };
}
