import { describe, expect, it } from 'vitest';
import { CAPTION_FACT_INFO, factQueryAt, insertFact, suggestFacts } from '../../src/story/factList';
import { CAPTION_FACTS } from '../../src/story/schema';

describe('caption facts list and autocompletion', () => {
  it('documents every fact the schema knows', () => {
    expect(Object.keys(CAPTION_FACT_INFO).sort()).toEqual([...CAPTION_FACTS].sort());
    for (const d of Object.values(CAPTION_FACT_INFO)) expect(d.length).toBeGreaterThan(5);
  });

  it('finds the open placeholder before the caret', () => {
    expect(factQueryAt('In {year}, {fat', 15)).toEqual({ start: 11, prefix: 'fat' });
    expect(factQueryAt('In {', 4)).toEqual({ start: 3, prefix: '' });
    expect(factQueryAt('In {year}', 9)).toBeNull();
    expect(factQueryAt('In {ye ar', 9)).toBeNull();
  });

  it('lists names starting with the prefix first, then containing it, then by description', () => {
    expect(suggestFacts('').map((f) => f.name)).toEqual([...CAPTION_FACTS]);
    expect(suggestFacts('fatalities_h').map((f) => f.name)).toEqual([
      'fatalities_host',
      'fatalities_high',
    ]);
    const bases = suggestFacts('bases').map((f) => f.name);
    expect(bases.slice(0, 5)).toEqual([
      'bases',
      'new_bases',
      'strengthened_bases',
      'reduced_bases',
      'closed_bases',
    ]);
    // "deaths" is not a name but the description of the fatalities figures.
    const deaths = suggestFacts('deaths').map((f) => f.name);
    expect(deaths).toContain('fatalities');
    expect(deaths).toContain('top_cell_fatalities');
    expect(suggestFacts('zzz')).toEqual([]);
  });

  it('inserts the chosen name in place of what was typed, closing the brace', () => {
    const text = 'In {year}, {fat deaths';
    expect(insertFact(text, 15, { start: 11, prefix: 'fat' }, 'fatalities')).toEqual({
      text: 'In {year}, {fatalities} deaths',
      caret: 23,
    });
    // A name already typed on after the caret (and its brace) is replaced, not doubled.
    expect(insertFact('{tro}', 2, { start: 0, prefix: 't' }, 'troops')).toEqual({
      text: '{troops}',
      caret: 8,
    });
  });
});
