/**
 * Accessibility: axe-core on the default view, a selected cell, the Lag, Changes and Case-study
 * tabs and the presenter, in the production build (with its Content-Security-Policy): no
 * critical or serious violation.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { e2eSuite, settle } from './suite';

const suite = e2eSuite();

/** axe-core's browser bundle (evaluated through the DevTools protocol, which the CSP allows). */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Critical and serious violations on the page, as "impact rule ×n: first targets". */
async function seriousViolations(name: string, query: string, skip: string[] = []) {
  const { page } = await suite.open(name, query);
  await settle(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (disabled) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    return (await axe.run(document, { resultTypes: ['violations'], rules })).violations;
  }, skip);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('accessibility (axe-core, production build, headless Chromium)', () => {
  const views: [string, string][] = [
    ['default view', ''],
    ['a selected cell', '?m=MINUSCA&y=2014&sel=cell:139357'],
    ['the Lag tab', '?m=MINUSCA&y=2014&tab=lag'],
    ['the Case-study tab', '?m=MINUSCA&y=2014&tab=story'],
    ['the presenter', '?story=minusca&scene=1'],
  ];
  for (const [name, query] of views)
    it(`${name}: no critical or serious violation`, async () => {
      expect(await seriousViolations(name, query)).toEqual([]);
    });

  it('the Changes tab: no critical or serious violation', async () => {
    expect(await seriousViolations('changes', '?m=MINUSCA&y=2017&tab=changes')).toEqual([]);
  });

  it('a page with a notice: no critical or serious violation', async () => {
    expect(await seriousViolations('notice', '?m=MINUSCA&y=2014&tab=nope')).toEqual([]);
  });

  it('no page requested anything outside its origin, and the console had no errors', () =>
    suite.expectCleanPages());
});
