import { describe, expect, it } from 'vitest';
import { perpetratorOf, STATE_PERPETRATOR_PATTERN } from '../../src/domain/perpetrator';

describe('perpetratorOf', () => {
  it('classes governments as state, everyone else as non-state', () => {
    expect(perpetratorOf('Government of Central African Republic')).toBe('state');
    expect(perpetratorOf('Government of Sudan')).toBe('state');
    expect(perpetratorOf('Anti-balaka')).toBe('nonstate');
    expect(perpetratorOf('LRA')).toBe('nonstate');
  });

  it('needs the exact prefix "Government of " at the start', () => {
    expect(perpetratorOf('Former Government of Rwanda')).toBe('nonstate');
    expect(perpetratorOf('government of Chad')).toBe('nonstate');
    expect(perpetratorOf('Government ofChad')).toBe('nonstate');
    expect(perpetratorOf('  Government of Chad')).toBe('state');
    expect(perpetratorOf('')).toBe('nonstate');
    expect(perpetratorOf(null)).toBe('nonstate');
  });

  it('is one regular expression shared with SQL', () => {
    expect(STATE_PERPETRATOR_PATTERN).toBe('^[ \\t]*Government of ');
  });
});
