/**
 * What a 16 type code says about the money's direction, from the ranges of the BAI2 specification
 * (Appendix A): 100-399 credits, 400-699 debits, 920-959 and 960-999 customer-defined credits and
 * debits. The loan codes are not one range: 720-728 are payments applied to the loan (credits), 760 is
 * a loan disbursement (debit); 701-709 are loan balances. Status codes (001-099, 900-919), 890
 * (non-monetary information) and unassigned codes move no money in a known direction: the entry is rejected.
 */
export type Bai2TypeCodeMeaning = { readonly direction: 'credit' | 'debit' } | { readonly problem: string };

export function bai2TypeCodeMeaning(code: string): Bai2TypeCodeMeaning {
  if (!/^\d{3}$/.test(code)) return { problem: code === '' ? 'type code missing' : `type code '${code}' is not three digits` };
  const value = Number(code);
  if ((value >= 100 && value <= 399) || (value >= 720 && value <= 728) || (value >= 920 && value <= 959)) return { direction: 'credit' };
  if ((value >= 400 && value <= 699) || value === 760 || value >= 960) return { direction: 'debit' };
  if (value <= 99 || (value >= 900 && value <= 919) || (value >= 701 && value <= 709)) {
    return { problem: `type code ${code} is an account status (balance) code, not a transaction` };
  }
  if (value === 890) return { problem: 'type code 890 carries non-monetary information, not a transaction' };
  return { problem: `type code ${code} is not assigned by BAI2, so its direction is unknown` };
}
