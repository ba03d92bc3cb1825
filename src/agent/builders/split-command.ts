export type SplitResult = { readonly ok: true; readonly argv: string[] } | { readonly ok: false; readonly reason: string };

/**
 * Splits a command line into arguments the way a POSIX shell quotes, and nothing more: single
 * quotes are literal, double quotes honour `\"` and `\\`, a backslash outside quotes escapes
 * the next character. No variables, globs, pipes or command substitution: nothing is executed.
 */
export function splitCommand(line: string): SplitResult {
  const argv: string[] = [];
  // null between arguments, so that '' (an empty quoted argument) is still an argument.
  let current: string | null = null;
  let quote: "'" | '"' | null = null;
  const append = (text: string) => {
    current = (current ?? '') + text;
  };
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    const next = line[i + 1] ?? '';
    if (quote === "'") {
      if (char === "'") quote = null;
      else append(char);
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (next === '"' || next === '\\')) append(line[++i]!);
      else append(char);
    } else if (/\s/.test(char)) {
      if (current !== null) argv.push(current);
      current = null;
    } else if (char === "'" || char === '"') {
      quote = char;
      append('');
    } else if (char === '\\') {
      if (next === '') return { ok: false, reason: 'the command ends with a lone backslash' };
      append(line[++i]!);
    } else {
      append(char);
    }
  }
  if (quote !== null) return { ok: false, reason: `the command has an unterminated ${quote} quote` };
  if (current !== null) argv.push(current);
  if (argv.length === 0) return { ok: false, reason: 'the command is empty' };
  return { ok: true, argv };
}
