import { child, descendants, newElement, serialized, textAt } from './xml-element.js';

describe('xml-element', () => {
  const entry = newElement('Ntry', 5, {});
  const amount = newElement('Amt', 6, { Ccy: 'EUR' }, entry);
  amount.text = ' 1.00 ';
  const details = newElement('NtryDtls', 7, {}, entry);
  newElement('TxDtls', 8, {}, details).text = 'a & <b>';
  const second = newElement('TxDtls', 9, {}, details);

  it('finds children by path and numbers same-named siblings', () => {
    expect(textAt(entry, 'Amt')).toBe('1.00');
    expect(textAt(entry, 'NtryDtls', 'TxDtls')).toBe('a & <b>');
    expect(textAt(entry, 'Missing', 'Amt')).toBeUndefined();
    expect(second.index).toBe(2);
    expect(descendants(entry, 'NtryDtls', 'TxDtls').map((element) => element.line)).toEqual([8, 9]);
    expect(child(entry, 'NtryDtls')?.children).toHaveLength(2);
  });

  it('serializes compactly with escaping, cut at the limit', () => {
    const whole = '<Ntry><Amt Ccy="EUR">1.00</Amt><NtryDtls><TxDtls>a &amp; &lt;b></TxDtls><TxDtls></TxDtls></NtryDtls></Ntry>';
    expect(serialized(entry, 512)).toBe(whole);
    expect(serialized(entry, 20)).toBe(whole.slice(0, 20));
  });
});
