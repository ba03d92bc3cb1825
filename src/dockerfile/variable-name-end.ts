const SPECIAL_PARAMETERS = '@*#?-$!0';
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Where the variable name starting at `start` ends, by BuildKit's rules (shell/lex.go
 * processName): letters, digits and `_`; a leading digit run (`$1`) or one POSIX special
 * parameter (`$@`) is a whole name. BuildKit never defines those, so they expand to nothing.
 */
export function variableNameEnd(text: string, start: number): number {
  const first = text[start];
  if (first === undefined) return start;
  let end = start;
  if (isDigit(first)) {
    while (end < text.length && isDigit(text[end] as string)) end++;
    return end;
  }
  if (SPECIAL_PARAMETERS.includes(first)) return start + 1;
  while (end < text.length && isNameChar(text[end] as string)) end++;
  return end;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isNameChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(ch) || code === 95;
  return NAME_CHAR.test(ch);
}
