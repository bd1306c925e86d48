/** What an :86: field (information to the account owner) says about its entry. */
export interface Mt940Information {
  /** EREF+ (the SEPA end-to-end id), unless the payer wrote NOTPROVIDED. */
  readonly endToEndId?: string;
  /** KREF+ (the ordering customer's own reference, often of a batch). */
  readonly customerReference?: string;
  /** SVWZ+ (the remittance text), else the free text of the field. */
  readonly description?: string;
  /** Name (?32/?33) and account (?31) of the other party; the ultimate party ABWA+ when no name is given. */
  readonly counterparty?: string;
}

/**
 * German banks (and others following the DK format) structure :86: as a three-digit business transaction
 * code and "?NN" subfields: ?00 posting text, ?20..?29 and ?60..?63 remittance lines, ?30 bank code,
 * ?31 account, ?32/?33 name. SEPA payments put keywords in the remittance lines (EREF+, SVWZ+, ...).
 */
const structuredStart = /^(\d{3})?\?\d{2}/;
const subfieldPattern = /\?(\d{2})([^?]*)/g;
const remittanceCodes = /^(2\d|6[0-3])$/;
const sepaKeyword = /(EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;
/** SWIFT cuts :86: lines at 65 characters, also inside a word; a shorter line ended where its writer did. */
const swiftLineLength = 65;

/** `lines` is the :86: field: its first line without the tag, then its continuation lines. */
export function parseInformation(lines: readonly string[]): Mt940Information {
  const joined = lines.join('');
  if (structuredStart.test(joined)) return structuredInformation(joined);
  return fromRemittance(unstructuredText(lines), undefined);
}

function structuredInformation(text: string): Mt940Information {
  const subfields = new Map<string, string>();
  const remittance: string[] = [];
  for (const [, code, value] of text.matchAll(subfieldPattern)) {
    if (remittanceCodes.test(code)) remittance.push(value);
    else subfields.set(code, (subfields.get(code) ?? '') + value);
  }
  // Keyword values run on across subfields ("?21SVWZ+Rechnung 42 vom 01.03?22.2025"); plain lines do not.
  const keyworded = remittance.some((value) => /^[A-Z]{3,4}\+/.test(value));
  const name = clean(`${subfields.get('32') ?? ''}${subfields.get('33') ?? ''}`);
  const account = clean(subfields.get('31') ?? '');
  const counterparty = name && account ? `${name} (${account})` : name || account;
  const information = fromRemittance(remittance.join(keyworded ? '' : ' '), counterparty || undefined);
  if (information.description === undefined && subfields.has('00')) return { ...information, description: clean(subfields.get('00')!) || undefined };
  return information;
}

function unstructuredText(lines: readonly string[]): string {
  return lines.reduce((text, line, index) => (index === 0 ? line : text + (lines[index - 1].length >= swiftLineLength ? '' : ' ') + line), '');
}

/** Splits remittance text at SEPA keywords; text before the first keyword is free text. */
function fromRemittance(text: string, counterparty: string | undefined): Mt940Information {
  const keywords = new Map<string, string>();
  const starts = [...text.matchAll(sepaKeyword)];
  const free = clean(text.slice(0, starts[0]?.index ?? text.length));
  starts.forEach((match, index) => {
    const end = starts[index + 1]?.index ?? text.length;
    if (!keywords.has(match[1])) keywords.set(match[1], clean(text.slice(match.index! + match[0].length, end)));
  });
  const endToEndId = keywords.get('EREF');
  const out: { -readonly [K in keyof Mt940Information]: Mt940Information[K] } = {};
  if (endToEndId && endToEndId !== 'NOTPROVIDED') out.endToEndId = endToEndId;
  if (keywords.get('KREF') && keywords.get('KREF') !== 'NOTPROVIDED') out.customerReference = keywords.get('KREF');
  const description = keywords.get('SVWZ') || free;
  if (description) out.description = description;
  const party = counterparty ?? keywords.get('ABWA');
  if (party) out.counterparty = party;
  return out;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
