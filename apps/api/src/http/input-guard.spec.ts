import { findUnsafeInput, MAX_BODY_DEPTH } from './input-guard';

const fields = (value: unknown, source: 'body' | 'query' | 'param' = 'body') =>
  findUnsafeInput(value, source).map((e) => e.field);

describe('findUnsafeInput', () => {
  it('passes what every valid command and query looks like', () => {
    expect(
      fields({
        name: 'Bürgerverein Nordstadt e.V. 💚',
        text: 'Zeile 1\nZeile 2\t',
        contact: { email: 'a@b.de' },
        list: ['a', 1, true, null],
      }),
    ).toEqual([]);
    expect(fields({ category: 'kultur', limit: '50' }, 'query')).toEqual([]);
  });

  it('names every string with NUL or an unpaired surrogate, at any depth', () => {
    expect(fields({ name: 'a\u0000', contact: { email: '\ud800' }, list: ['ok', 'x\udc00'] }).sort()).toEqual([
      'contact.email',
      'list[1]',
      'name',
    ]);
    expect(fields({ pair: '\ud83d\udc9a' })).toEqual([]);
  });

  it('refuses every control character in query strings and path parameters, not only NUL', () => {
    expect(fields({ category: 'a\u001bb' }, 'query')).toEqual(['category']);
    expect(fields({ category: 'a\u007f' }, 'query')).toEqual(['category']);
    expect(fields({ text: 'a\u001bb' })).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
    'refuses the inherited key %s like an unknown field',
    (key) => {
      expect(fields(JSON.parse(`{"contact":{"${key}":1}}`))).toEqual([`contact.${key}`]);
    },
  );

  it(`stops at ${MAX_BODY_DEPTH} levels and walks 100 000 without recursion`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
    expect(findUnsafeInput(deep, 'body')).toHaveLength(1);
    let fine: unknown = 1;
    for (let i = 1; i < MAX_BODY_DEPTH; i++) fine = { a: fine };
    expect(fields(fine)).toEqual([]);
  });
});
