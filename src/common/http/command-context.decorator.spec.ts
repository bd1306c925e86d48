import { canonicalJson } from './command-context.decorator.js';

describe('canonicalJson', () => {
  it('is the same for the same JSON in any key order, and differs when a value does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ amount: '10.00' })).not.toBe(canonicalJson({ amount: '10.0' }));
  });
});
