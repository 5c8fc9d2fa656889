import { describe, expect, it } from 'vitest';
import { atlasCitation, bibtexAll, citations, plainAll } from '../../src/domain/citation';

/** Whether every `{` has its `}` and none closes early. */
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('citations', () => {
  it('cites both UCDP GED articles, Geo-PKO and Presence Atlas at the given version', () => {
    const list = citations('1.2.3');
    expect(list.map((c) => c.key)).toEqual([
      'sundberg2013',
      'davies2023',
      'cil2020',
      'presenceatlas',
    ]);
    expect(list[0]!.plain).toContain('Journal of Peace Research 50(4)');
    expect(list[1]!.plain).toContain('Davies, Shawn, Therése Pettersson, and Magnus Öberg. 2023.');
    expect(list[2]!.plain).toContain(
      'Cil, Deniz, Hanne Fjelde, Lisa Hultman, and Desirée Nilsson. 2020.',
    );
    expect(list[2]!.plain).toContain('Journal of Peace Research 57(2)');
    expect(atlasCitation('1.2.3').bibtex).toContain('version = {1.2.3}');
  });

  it('BibTeX entries are well formed: one @type{key, per entry, balanced braces', () => {
    const all = bibtexAll('1.2.3');
    expect(all.match(/^@\w+\{\w+,$/gm)).toEqual([
      '@article{sundberg2013,',
      '@article{davies2023,',
      '@article{cil2020,',
      '@software{presenceatlas,',
    ]);
    for (const c of citations('1.2.3')) expect(balanced(c.bibtex), c.key).toBe(true);
    expect(all.endsWith('}\n')).toBe(true);
    expect(plainAll('1.2.3').trim().split('\n')).toHaveLength(4);
  });
});
