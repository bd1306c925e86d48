/** NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates without their pair (not valid Unicode). */
const unstorableCharacter = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorableCharacters = new RegExp(unstorableCharacter.source, 'g');

export function hasUnstorableCharacter(text: string): boolean {
  return unstorableCharacter.test(text);
}

/**
 * Text that must be stored whatever it holds (a rejection reason quoting a bad CSV cell, a job's error):
 * each character PostgreSQL would refuse becomes U+FFFD, the replacement character.
 */
export function storableText(text: string): string {
  return text.replace(unstorableCharacters, '\ufffd');
}
