import type { CaptionFact } from './schema';

/** Values for caption placeholders; a fact with no value (null) cannot be shown. */
export type CaptionFacts = Partial<Record<CaptionFact, string | number | null>>;

/** A caption with its placeholders filled, and the names that could not be filled. */
export interface FilledCaption {
  text: string;
  missing: string[];
}

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * Replaces `{name}` in a caption template with the fact's value (numbers formatted with
 * thousands separators). A placeholder without a value is replaced by "n/a" and listed in
 * `missing`, so the caller can flag it instead of showing raw braces.
 */
export function fillCaption(template: string, facts: CaptionFacts): FilledCaption {
  const missing: string[] = [];
  const text = template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = facts[name as CaptionFact];
    if (
      value === undefined ||
      value === null ||
      (typeof value === 'number' && !Number.isFinite(value))
    ) {
      missing.push(name);
      return 'n/a';
    }
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
  return { text, missing };
}
