import { canonicalJson } from './command-context.decorator.js';

describe('canonicalJson', () => {
  it('is the same for the same JSON in any key order, and differs when a value does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ amount: '10.00' })).not.toBe(canonicalJson({ amount: '10.0' }));
  });

  it('writes valid JSON with sorted keys', () => {
    const value = { z: [1, 'two', null, true, { b: [], a: {} }], a: 'x"y', m: { n: -1.5 } };
    const text = canonicalJson(value);
    expect(text).toBe('{"a":"x\\"y","m":{"n":-1.5},"z":[1,"two",null,true,{"a":{},"b":[]}]}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('survives 100,000 nested arrays (no recursion)', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
