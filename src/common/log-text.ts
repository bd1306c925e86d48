/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from outside (a request, a file, a database message that echoes either) made safe for one log
 * line: every control character is written as an escape, so a newline in a cursor or a CSV header cannot
 * start a forged log line and an ANSI escape cannot drive the operator's terminal.
 */
export function logSafe(text: string): string {
  return text.replace(controlCharacters, (character) => named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
