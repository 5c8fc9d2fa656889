/**
 * Atomic output folders: a build writes into a staging folder beside its target, verifies it and
 * only then swaps it in. A failure at any step (an exception, a full disk, SIGINT / SIGTERM)
 * removes the staging folder and leaves the previous build untouched.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';

/**
 * The file-system writes a build makes, so that tests can fail any one of them (a fake that
 * throws ENOSPC at the n-th write). {@link NODE_OUTPUT_FS} is the real thing.
 */
export interface OutputFs {
  mkdirSync(dir: string, opts: { recursive: true }): void;
  openSync(file: string, flags: 'w'): number;
  writeSync(fd: number, data: Uint8Array | string): number;
  closeSync(fd: number): void;
  writeFileSync(file: string, data: Uint8Array | string): void;
  renameSync(from: string, to: string): void;
  rmSync(target: string, opts: { recursive: true; force: true }): void;
  /**
   * Called just before another writer (DuckDB's COPY) writes `file`; the real file system does
   * nothing, a fake may throw as if that write had failed.
   */
  external(file: string): void;
}

/** The real file system. */
export const NODE_OUTPUT_FS: OutputFs = {
  mkdirSync: (dir, opts) => void nodeFs.mkdirSync(dir, opts),
  openSync: (file, flags) => nodeFs.openSync(file, flags),
  writeSync: (fd, data) =>
    typeof data === 'string' ? nodeFs.writeSync(fd, data) : nodeFs.writeSync(fd, data),
  closeSync: (fd) => nodeFs.closeSync(fd),
  writeFileSync: (file, data) => nodeFs.writeFileSync(file, data),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  rmSync: (target, opts) => nodeFs.rmSync(target, opts),
  external: () => undefined,
};

/** A build that failed before its output was swapped in; says what became of the old one. */
export class BuildFailedError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'BuildFailedError';
  }
}

/** Staging folder name prefix for `target`: `.data.building-` for `public/data`. */
function stagingPrefix(target: string): string {
  return `.${path.basename(target)}.building-`;
}

/** Where the previous build waits during the swap. */
function previousPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.previous`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after a build that was killed outright (SIGKILL, power loss): restores the previous
 * build if it was killed between the two renames of the swap, and removes staging folders whose
 * process is gone.
 */
export function recoverInterrupted(target: string, fs: OutputFs = NODE_OUTPUT_FS): string[] {
  const notes: string[] = [];
  const prev = previousPath(target);
  const parent = path.dirname(target);
  if (!nodeFs.existsSync(parent)) return notes;
  if (nodeFs.existsSync(prev)) {
    if (!nodeFs.existsSync(target)) {
      fs.renameSync(prev, target);
      notes.push(`restored the previous build from ${prev} (a build was stopped mid-swap)`);
    } else fs.rmSync(prev, { recursive: true, force: true });
  }
  const prefix = stagingPrefix(target);
  for (const name of nodeFs.readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    notes.push(`removed the unfinished build ${path.join(parent, name)}`);
  }
  return notes;
}

/** What the previous build's state is, for messages. */
function previousState(target: string): string {
  return nodeFs.existsSync(target)
    ? `the previous build in ${target} is intact`
    : `${target} was not there before and has not been created`;
}

/**
 * Runs `write(stagingDir)`, then `verify(stagingDir, result)`, then swaps the staging folder in
 * as `target` (two renames: target → `.NAME.previous`, staging → target; the previous folder is
 * removed afterwards, and restored by {@link recoverInterrupted} if the process dies between
 * the renames). Any exception removes the staging folder and is rethrown as a
 * {@link BuildFailedError} that says the previous build is intact; SIGINT / SIGTERM during the
 * build do the same and exit with 130 / 143.
 */
export async function writeAtomically<T>(
  target: string,
  write: (stagingDir: string) => Promise<T>,
  verify: (stagingDir: string, result: T) => void,
  fs: OutputFs = NODE_OUTPUT_FS,
): Promise<T> {
  target = path.resolve(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  recoverInterrupted(target, fs);
  const staging = path.join(
    path.dirname(target),
    `${stagingPrefix(target)}${process.pid}-${Date.now().toString(36)}`,
  );
  const discard = (): void => {
    try {
      nodeFs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // Best effort: recoverInterrupted removes it on the next build.
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    discard();
    process.stderr.write(
      `\nnpm run data: stopped by ${signal}; nothing was written: ${previousState(target)}.\n`,
    );
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let result: T;
    try {
      fs.mkdirSync(staging, { recursive: true });
      result = await write(staging);
      verify(staging, result);
    } catch (e) {
      discard();
      throw new BuildFailedError(
        `${(e as Error).message ?? String(e)}\nNothing was written: ${previousState(target)}.`,
        e,
      );
    }
    // The swap is synchronous: no signal handler can run between its steps.
    const prev = previousPath(target);
    const had = nodeFs.existsSync(target);
    try {
      if (had) fs.renameSync(target, prev);
    } catch (e) {
      discard();
      throw new BuildFailedError(
        `could not move the previous build aside (${(e as Error).message})\nNothing was written: ${previousState(target)}.`,
        e,
      );
    }
    try {
      fs.renameSync(staging, target);
    } catch (e) {
      if (had) nodeFs.renameSync(prev, target);
      discard();
      throw new BuildFailedError(
        `could not move the new build in place (${(e as Error).message})\nNothing was written: ${previousState(target)}.`,
        e,
      );
    }
    if (had) nodeFs.rmSync(prev, { recursive: true, force: true });
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Checks that a written file is complete; throws naming it when not. */
export function verifyOutputFile(dir: string, rel: string, expectedBytes?: number): void {
  const file = path.join(dir, rel);
  let size: number;
  try {
    size = nodeFs.statSync(file).size;
  } catch {
    throw new Error(`${rel} was not written`);
  }
  if (expectedBytes !== undefined && size !== expectedBytes)
    throw new Error(`${rel} has ${size} bytes, ${expectedBytes} were written`);
  // Only the ends of Parquet and CSV files are read: cheap for the largest outputs.
  const ends = (n: number): [Buffer, Buffer] => {
    const fd = nodeFs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(Math.min(n, size));
      const tail = Buffer.alloc(Math.min(n, size));
      nodeFs.readSync(fd, head, 0, head.length, 0);
      nodeFs.readSync(fd, tail, 0, tail.length, size - tail.length);
      return [head, tail];
    } finally {
      nodeFs.closeSync(fd);
    }
  };
  if (rel.endsWith('.parquet')) {
    const [head, tail] = ends(4);
    if (size < 8 || head.toString('latin1') !== 'PAR1' || tail.toString('latin1') !== 'PAR1')
      throw new Error(`${rel} is not a complete Parquet file`);
  } else if (rel.endsWith('.json') || rel.endsWith('.geojson')) {
    try {
      JSON.parse(nodeFs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${rel} is not complete JSON (${(e as Error).message})`);
    }
  } else if (rel.endsWith('.csv')) {
    const [, tail] = ends(1);
    if (size === 0 || tail[0] !== 0x0a) throw new Error(`${rel} does not end with a complete line`);
  }
}
