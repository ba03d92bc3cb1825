import { variableNameEnd } from './variable-name-end';

/** A variable's value, and the unset variables it was built from (`ARG B=${A}-x` with no A). */
export interface VariableValue {
  readonly value: string;
  readonly unset: readonly string[];
}

export type VariableScope = ReadonlyMap<string, VariableValue>;

/**
 * The word after substitution. An unset variable expands to "" as in BuildKit, and its name is
 * kept in `unset`, so callers can tell "empty on purpose" from "missing a value".
 * `required` is a `${V:?message}` that fired; `unsupported` is an expansion we do not evaluate.
 */
export type Substitution =
  | { readonly ok: true; readonly value: string; readonly unset: readonly string[] }
  | { readonly ok: false; readonly failure: 'syntax' | 'unsupported' | 'required'; readonly message: string };

class SubstitutionFailure {
  constructor(readonly failure: 'syntax' | 'unsupported' | 'required', readonly message: string) {}
}

interface Reader {
  readonly text: string;
  readonly scope: VariableScope;
  readonly escape: string;
  pos: number;
  unset: string[];
}

/**
 * Expands one word the way BuildKit's shell lexer does for FROM (frontend/dockerfile/shell/lex.go):
 * quotes, the escape character, `$V`, `${V}`, `${V-w}`, `${V:-w}`, `${V+w}`, `${V:+w}`, `${V?w}`,
 * `${V:?w}`. Pattern expansions (`#`, `%`, `/`) are reported as unsupported rather than guessed.
 */
export function substituteVariables(word: string, scope: VariableScope, escape = '\\'): Substitution {
  const reader: Reader = { text: word, scope, escape, pos: 0, unset: [] };
  try {
    const value = readUntil(reader, null, false);
    return { ok: true, value, unset: reader.unset };
  } catch (caught) {
    if (caught instanceof SubstitutionFailure) return { ok: false, failure: caught.failure, message: caught.message };
    throw caught;
  }
}

function readUntil(r: Reader, stop: string | null, rawEscapes: boolean): string {
  let result = '';
  while (r.pos < r.text.length) {
    const ch = r.text[r.pos] as string;
    if (ch === stop) {
      r.pos++;
      return result;
    }
    if (ch === '$') result += readDollar(r);
    else if (ch === "'") result += readSingleQuoted(r);
    else if (ch === '"') result += readDoubleQuoted(r);
    else {
      r.pos++;
      if (ch !== r.escape) result += ch;
      else {
        if (rawEscapes) result += ch;
        // A trailing escape character is dropped, like BuildKit does.
        if (r.pos < r.text.length) result += r.text[r.pos++];
      }
    }
  }
  if (stop !== null) throw new SubstitutionFailure('syntax', `missing '${stop}'`);
  return result;
}

function readSingleQuoted(r: Reader): string {
  const end = r.text.indexOf("'", r.pos + 1);
  if (end === -1) throw new SubstitutionFailure('syntax', 'unterminated single quote');
  const quoted = r.text.slice(r.pos + 1, end);
  r.pos = end + 1;
  return quoted;
}

/** Inside double quotes the escape character only escapes `"`, `$` and itself. */
function readDoubleQuoted(r: Reader): string {
  let result = '';
  r.pos++;
  for (;;) {
    const ch = r.text[r.pos];
    if (ch === undefined) throw new SubstitutionFailure('syntax', 'unterminated double quote');
    if (ch === '"') {
      r.pos++;
      return result;
    }
    if (ch === '$') {
      result += readDollar(r);
      continue;
    }
    r.pos++;
    const next = r.text[r.pos];
    if (ch === r.escape && (next === '"' || next === '$' || next === r.escape)) {
      result += next;
      r.pos++;
    } else result += ch;
  }
}

function readDollar(r: Reader): string {
  r.pos++;
  if (r.text[r.pos] !== '{') {
    const name = readName(r);
    return name === '' ? '$' : lookup(r, name);
  }
  r.pos++;
  const first = r.text[r.pos];
  if (first === undefined) throw new SubstitutionFailure('syntax', "missing '}'");
  if (first === '{' || first === '}' || first === ':') throw new SubstitutionFailure('syntax', 'bad substitution');
  const name = readName(r);
  const op = r.text[r.pos++];
  if (op === '}') return lookup(r, name);
  if (op === ':') return readModifier(r, name, r.text[r.pos++], true);
  if (op === '/') throw new SubstitutionFailure('unsupported', `\${${name}/…} replacement is not evaluated`);
  return readModifier(r, name, op, false);
}

function readModifier(r: Reader, name: string, op: string | undefined, nullIsUnset: boolean): string {
  if (op !== '-' && op !== '+' && op !== '?' && op !== '#' && op !== '%') {
    throw new SubstitutionFailure('syntax', op === undefined ? "missing '}'" : `unsupported modifier (${nullIsUnset ? ':' : ''}${op}) in substitution`);
  }
  const mark = r.unset.length;
  const word = readUntil(r, '}', op === '#' || op === '%');
  // The word is expanded either way, but its unset variables only count when the word is used.
  const wordUnset = r.unset.splice(mark);
  if (op === '#' || op === '%') throw new SubstitutionFailure('unsupported', `\${${name}${op}…} pattern removal is not evaluated`);
  const entry = r.scope.get(name);
  const missing = entry === undefined || (nullIsUnset && entry.value === '');
  if (op === '-') {
    if (missing) r.unset.push(...wordUnset);
    return missing ? word : lookup(r, name);
  }
  if (op === '+') {
    if (!missing) r.unset.push(...wordUnset);
    return missing ? '' : word;
  }
  if (missing) {
    const fallback = entry === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty';
    throw new SubstitutionFailure('required', `${name}: ${word === '' ? fallback : word}`);
  }
  return lookup(r, name);
}

function readName(r: Reader): string {
  const start = r.pos;
  r.pos = variableNameEnd(r.text, start);
  return r.text.slice(start, r.pos);
}

function lookup(r: Reader, name: string): string {
  const entry = r.scope.get(name);
  if (entry === undefined) {
    r.unset.push(name);
    return '';
  }
  if (entry.unset.length > 0) r.unset.push(...entry.unset);
  return entry.value;
}
