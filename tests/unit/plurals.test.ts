import { describe, expect, it } from 'vitest';
import { missingPluralForms, pluralBase } from '../../src/scenario/plurals.ts';

describe('plural forms', () => {
  it('asks Russian for one, few, many and other where English needs one and other', () => {
    expect(missingPluralForms('en', ['left_one', 'left_other'])).toEqual([]);
    expect(missingPluralForms('ru', ['left_one', 'left_other'])).toEqual(['left_few', 'left_many']);
    expect(missingPluralForms('ru', ['left_one', 'left_few', 'left_many', 'left_other', 'plain'])).toEqual([]);
  });

  it('compares keys across languages without their plural suffix', () => {
    expect(pluralBase('conversation.timeLeft_few')).toBe('conversation.timeLeft');
    expect(pluralBase('menu.other_thing')).toBe('menu.other_thing');
  });
});
