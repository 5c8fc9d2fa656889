import { describe, expect, it } from 'vitest';
import {
  CliError,
  lagParamsFromArgs,
  parseCliArgs,
  reportCliError,
  type CliIo,
} from '../../src/pipeline/cliKit';
import { main as storyHtml } from '../../src/pipeline/storyHtml';

/** A fake of the process streams that keeps what was written. */
function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

describe('the shared command-line kit', () => {
  it('rejects an unknown option with exit 2 and the usage', () => {
    const run = () => parseCliArgs(['--nope', '1'], { mission: { type: 'string' } }, 'USAGE TEXT');
    expect(run).toThrow(CliError);
    try {
      run();
    } catch (e) {
      expect((e as CliError).exitCode).toBe(2);
      expect((e as CliError).message).toContain('--nope');
      expect((e as CliError).message).toContain('USAGE TEXT');
    }
  });

  it('reads the lag options with the same names and checks as the app', () => {
    const p = lagParamsFromArgs({ theta: '25', 'reach-km': '50', 'initial-deployment': 'off' });
    expect(p.theta).toBe(25);
    expect(p.reachKm).toBe(50);
    expect(p.initialDeployment).toBe(false);
    expect(() => lagParamsFromArgs({ theta: '0', window: '99' })).toThrow(/bad parameter value/);
  });

  it('reports a CliError by its code and anything else as unexpected (exit 1)', () => {
    const io = capture();
    expect(reportCliError('tool', new CliError('no data', 3), io)).toBe(3);
    expect(io.err).toBe('tool: no data\n');
    const io2 = capture();
    expect(reportCliError('tool', new TypeError('boom'), io2)).toBe(1);
    expect(io2.err).toMatch(/^tool: unexpected error: TypeError: boom/);
  });
});

describe('npm run story:html arguments', () => {
  it('needs --out and exactly one of --story / --file', () => {
    const io = capture();
    expect(storyHtml(['--story', 'minusca'], io)).toBe(2);
    expect(io.err).toMatch(/^story:html: usage:/);
    expect(storyHtml(['--story', 'a', '--file', 'b', '--out', 'x.html'], capture())).toBe(2);
  });

  it('names the shipped stories when the id is unknown, and a missing story file', () => {
    const io = capture();
    expect(storyHtml(['--story', 'nope', '--out', 'x.html'], io)).toBe(2);
    expect(io.err).toContain('there is no story "nope"; shipped: minusca');
    const io2 = capture();
    expect(storyHtml(['--file', '/nonexistent/s.json', '--out', 'x.html'], io2)).toBe(2);
    expect(io2.err).toBe('story:html: no story file /nonexistent/s.json\n');
  });
});
