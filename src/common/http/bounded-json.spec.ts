import { assertJsonWithinLimits, JsonTooComplex } from './bounded-json.js';

const limits = { entriesMax: 5, depthMax: 3 };
const check = (text: string) => () => assertJsonWithinLimits(Buffer.from(text, 'utf8'), limits);

describe('assertJsonWithinLimits', () => {
  it('accepts bodies within the limits, whatever their strings contain', () => {
    expect(check('{"a":1,"b":[1],"c":{"d":"{[:,]}\\"{,,,,,,:::::"}}')).not.toThrow();
    expect(check('[[[]]]')).not.toThrow();
    expect(check('{"é€😀":"[[[[[[","x":[ ]}')).not.toThrow();
  });

  it('counts object keys and array items together', () => {
    expect(check('{"a":1,"b":2,"c":3,"d":4,"e":5}')).not.toThrow();
    expect(check('{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}')).toThrow(JsonTooComplex);
    expect(check('[1,2,3,4,5]')).not.toThrow();
    expect(check('[1,2,3,4,5,6]')).toThrow(/more than 5 object keys and array items/);
    expect(check('{"a":[1,2],"b":[3]}')).not.toThrow();
    expect(check('{"a":[1,2],"b":[3,4]}')).toThrow(JsonTooComplex);
    expect(check('[[],[],[],[],[]]')).not.toThrow();
  });

  it('refuses nesting beyond the depth', () => {
    expect(check('{"a":{"b":{"c":1}}}')).not.toThrow();
    expect(check('{"a":{"b":{"c":[1]}}}')).toThrow(/body: is nested more than 3 levels/);
    expect(check('['.repeat(100_000))).toThrow(JsonTooComplex);
  });

  it('leaves malformed JSON to the parser', () => {
    expect(check('{"a":')).not.toThrow();
    expect(check('"unterminated')).not.toThrow();
  });
});
