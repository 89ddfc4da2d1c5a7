import { isStorableText } from '@koproduktiv/platform';

describe('isStorableText', () => {
  it.each([
    ['plain text with umlauts and an emoji', 'Bürgerhaus 🏛️'],
    ['a surrogate pair', '\uD83D\uDE00'],
    ['the empty string', ''],
  ])('accepts %s', (_name, value) => expect(isStorableText(value)).toBe(true));

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD800'],
    ['a lone low surrogate', '\uDC00b'],
    ['surrogates in the wrong order', '\uDE00\uD83D'],
  ])('refuses %s', (_name, value) => expect(isStorableText(value)).toBe(false));
});
