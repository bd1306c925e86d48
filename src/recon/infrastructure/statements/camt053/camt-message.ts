/** The camt messages this format reads: the message element and the element of each statement in it. */
const statementElementOf: Readonly<Record<string, string>> = {
  BkToCstmrStmt: 'Stmt', // camt.053 bank-to-customer statement
  BkToCstmrDbtCdtNtfctn: 'Ntfctn', // camt.054 debit/credit notification
};

/** The statement element ('Stmt' or 'Ntfctn') of a camt message element, or undefined for anything else. */
export function statementElement(message: string): string | undefined {
  return Object.hasOwn(statementElementOf, message) ? statementElementOf[message] : undefined;
}

/**
 * Why a document whose root and first child have these local names is not a camt.053/054 message, or
 * undefined when it is one. Local names only: every version (.001.02 to .001.08) uses the same names.
 */
export function notCamtBecause(root: string | undefined, firstChild: string | undefined): string | undefined {
  if (root === undefined) return 'no XML element';
  if (root !== 'Document') return `the root element is <${root}>, not an ISO 20022 <Document>`;
  if (firstChild === undefined) return 'the <Document> has no message element';
  if (statementElement(firstChild) === undefined) {
    return `the message is <${firstChild}>, not a camt.053 <BkToCstmrStmt> or camt.054 <BkToCstmrDbtCdtNtfctn>`;
  }
  return undefined;
}
