/**
 * `npm run bench`: runs every benchmark module sequentially — bench/data.ts (the data build)
 * first, then every bench/*.bench.ts — and prints each one's figures. A module exports
 * `run(): Promise<Record<string, number | string>>`.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type BenchModule = { run: () => Promise<Record<string, number | string>> };

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const modules = [
  'data.ts',
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort(),
].filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));

const cpu = os.cpus();
console.log(
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}\n`,
);
let failed = 0;
for (const file of modules) {
  console.log(`── ${file} ${'─'.repeat(Math.max(0, 60 - file.length))}`);
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
    const figures = await mod.run();
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(width)}  ${typeof v === 'number' ? v.toLocaleString('en') : v}`);
  } catch (e) {
    failed++;
    console.log(`  FAILED: ${(e as Error).message}`);
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
process.exitCode = failed ? 1 : 0;
