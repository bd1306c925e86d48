import { minorUnitDigits, rawAmount, scaledAmount } from './bai2-amounts.js';
import { Bai2Fields } from './bai2-fields.js';
import { readFundsType } from './bai2-funds-type.js';
import { bai2TypeCodeMeaning } from './bai2-type-codes.js';

describe('Bai2Fields', () => {
  it('reads fields across continuation pieces; a trailing comma opens one empty field', () => {
    const fields = new Bai2Fields(['4001,USD,010,500,,', '015,600', '', '040,7']);
    const read: (string | undefined)[] = [];
    while (!fields.done) read.push(fields.next());
    expect(read).toEqual(['4001', 'USD', '010', '500', '', '', '015', '600', '040', '7']);
    expect(fields.next()).toBeUndefined();
  });

  it('takes the text as the rest of the record, commas included, continuations joined with a space', () => {
    const fields = new Bai2Fields(['195,100,0,REF,CUST,WIRE FROM ACME, HAMBURG  ', 'BNF, X', '']);
    expect([fields.next(), fields.next(), fields.next(), fields.next(), fields.next()]).toEqual(['195', '100', '0', 'REF', 'CUST']);
    expect(fields.rest()).toBe('WIRE FROM ACME, HAMBURG BNF, X');
    expect(fields.done).toBe(true);
  });

  it('gives empty text when the record ends at the customer reference, and starts the text in the next piece when it ends without a comma', () => {
    const empty = new Bai2Fields(['195,100,0,REF,CUST,']);
    for (let index = 0; index < 5; index += 1) empty.next();
    expect(empty.rest()).toBe('');
    const continued = new Bai2Fields(['195,100,0,REF,CUST', 'TEXT ON 88']);
    for (let index = 0; index < 5; index += 1) continued.next();
    expect(continued.rest()).toBe('TEXT ON 88');
  });
});

describe('readFundsType', () => {
  const read = (text: string) => {
    const fields = new Bai2Fields([text]);
    return { ...readFundsType(fields), next: fields.next() };
  };

  it('reads 0, 1, 2, Z and blank without extra fields', () => {
    for (const code of ['0', '1', '2', 'Z', 'z', '']) expect(read(`${code},BANKREF`)).toEqual({ problems: [], next: 'BANKREF' });
  });

  it('reads V with a value date and time, S with three amounts, D with distributions', () => {
    expect(read('V,250314,0900,BANKREF')).toEqual({ valueDate: '2025-03-14', problems: [], next: 'BANKREF' });
    expect(read('V,,,BANKREF')).toEqual({ valueDate: undefined, problems: [], next: 'BANKREF' });
    expect(read('S,100,200,0,BANKREF')).toEqual({ problems: [], next: 'BANKREF' });
    expect(read('D,2,0,300,1,200,BANKREF')).toEqual({ problems: [], next: 'BANKREF' });
    expect(read('D,0,BANKREF')).toEqual({ problems: [], next: 'BANKREF' });
  });

  it('names what is wrong', () => {
    expect(read('Q,BANKREF').problems).toEqual(["funds type 'Q' is not one of 0, 1, 2, V, S, D, Z"]);
    expect(read('V,2503,9AM,X').problems).toEqual(["funds type V: value date '2503' is not YYMMDD", "funds type V: value time '9AM' is not HHMM"]);
    expect(read('S,1.5,2,-3,X').problems).toEqual(["funds type S: immediate amount '1.5' is not a whole number", "funds type S: two-or-more-day amount '-3' is not a whole number"]);
    expect(read('D,3,0,100').problems).toEqual(['funds type D: 3 distributions announced, 1 given']);
    expect(read('D,X').problems).toEqual(["funds type D: number of distributions 'X' is not a number up to 64"]);
    expect(read('D,1,A,100').problems).toEqual(["funds type D: days 'A' of distribution 1 is not a number"]);
  });
});

describe('bai2TypeCodeMeaning', () => {
  it('gives the direction from the BAI2 ranges', () => {
    const direction = (code: string) => {
      const meaning = bai2TypeCodeMeaning(code);
      return 'direction' in meaning ? meaning.direction : meaning.problem;
    };
    expect(['100', '195', '399', '720', '728', '920', '959'].map(direction)).toEqual(Array(7).fill('credit'));
    expect(['400', '495', '699', '760', '960', '999'].map(direction)).toEqual(Array(6).fill('debit'));
    expect(direction('010')).toBe('type code 010 is an account status (balance) code, not a transaction');
    expect(direction('905')).toBe('type code 905 is an account status (balance) code, not a transaction');
    expect(direction('701')).toBe('type code 701 is an account status (balance) code, not a transaction');
    expect(direction('890')).toBe('type code 890 carries non-monetary information, not a transaction');
    expect(direction('750')).toBe('type code 750 is not assigned by BAI2, so its direction is unknown');
    expect(direction('810')).toBe('type code 810 is not assigned by BAI2, so its direction is unknown');
    expect(direction('19')).toBe("type code '19' is not three digits");
    expect(direction('')).toBe('type code missing');
  });
});

describe('BAI2 amounts', () => {
  it('scales minor units by the currency: 2 by default, 0 for JPY, 3 for BHD/KWD/OMR, 4 for CLF', () => {
    expect(['USD', 'JPY', 'KWD', 'OMR', 'CLF', 'XYZ', undefined].map(minorUnitDigits)).toEqual([2, 0, 3, 3, 4, 2, 2]);
    expect(scaledAmount('000012345', 'USD').toFixed()).toBe('123.45');
    expect(scaledAmount('-12345', 'JPY').toFixed()).toBe('-12345');
    expect(scaledAmount('+12345', 'KWD').toFixed()).toBe('12.345');
    expect(scaledAmount('999999999999999999', 'USD').toFixed()).toBe('9999999999999999.99');
  });

  it('sums raw amounts exactly beyond 2^53', () => {
    expect(rawAmount('+9007199254740993') + rawAmount('-1')).toBe(9007199254740992n);
  });
});
