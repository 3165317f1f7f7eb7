// Encoding a .env file that the `dotenv` package's `parse` reads back byte-exact. Its rules:
// the file's CRLF/CR become LF first; an unquoted value stops at `#` or the line end and is trimmed;
// a quoted value ('...', "..." or `...`) may span lines and keeps its spaces; only "..." has
// escapes, `\n` and `\r` (no way to write a literal `"` or a literal backslash-n inside it).
// Quoting is picked per value; a value no form can carry is an error naming the key.
// docker compose (`--env-file`, `env_file:`) reads the plain and '...' forms alike, but has no `...`
// form and expands backslash escapes and `$` variables in "..." (and in unquoted values): values it would read differently
// are named (composeMisreads), since the action cannot know which program reads the file.

class DotenvError extends Error {}

/** Values that need no quotes for dotenv, nor for shells and compose files reading the same file. */
const PLAIN = /^[\w.,:/@+=-]*$/;

/** The value in one dotenv form, or undefined when that form cannot carry it exactly. */
function quote(value: string): string | undefined {
  if (PLAIN.test(value)) return value;
  // A quoted value ending in a backslash would make the closing quote look escaped.
  const endsInBackslash = value.endsWith('\\');
  if (!value.includes("'") && !value.includes('\r') && !endsInBackslash) return `'${value}'`;
  if (!value.includes('"') && !/\\[nr]/.test(value) && !endsInBackslash) {
    return `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  }
  // Unquoted, the rest of the line is the value as it is, up to a '#' and trimmed: enough for what no
  // quotes carry, such as a final backslash (C:\tools\) or all three quote kinds on one line. Before
  // backticks, which compose lacks: JSON with an apostrophe ({"msg":"it's"}) is read alike by both.
  if (UNQUOTED.test(value)) return value;
  if (!value.includes('`') && !value.includes('\r') && !endsInBackslash) return `\`${value}\``;
  return undefined;
}

/** A line dotenv (and compose) reads unquoted as it is: no quote or space first, no '#', line break or space last. */
const UNQUOTED = /^[^\s'"`#][^#\r\n]*(?<!\s)$/;

/** Backslash sequences and `$` that compose expands in "..." (where the value's CR and LF are \r and \n). */
const COMPOSE_EXPANDS = /\$|\\[abfnrtv$"\\0\r\n]/;

/** The names whose value docker compose reads differently from the file's dotenv reading. */
export function composeMisreads(entries: ReadonlyArray<{ name: string; value: string }>): string[] {
  return entries
    .filter(({ value }) => {
      const encoded = quote(value);
      if (encoded === undefined) return false;
      if (encoded[0] === '`') return true;
      if (encoded[0] === '"') return COMPOSE_EXPANDS.test(value);
      // Unquoted, compose expands `$` variables too (the plainest form never holds a `$`), and trims
      // U+0085 (NEL) at either end, which dotenv keeps (JavaScript's whitespace leaves it out).
      return encoded === value && (value.includes('$') || /^\x85|\x85$/.test(value));
    })
    .map(({ name }) => name);
}

/** Why no dotenv form carries the value exactly, or undefined when one does. */
export function dotenvProblem(value: string): string | undefined {
  if (quote(value) !== undefined) return undefined;
  return 'no .env quoting carries its value exactly (dotenv has no escape for its mix of quotes, line breaks, # and backslashes); use export-type env or output for it';
}

/** The whole file, or an error naming every key whose value no dotenv form can carry. */
export function encodeDotenv(entries: ReadonlyArray<{ name: string; value: string }>): string {
  const lines: string[] = [];
  const impossible: string[] = [];
  for (const { name, value } of entries) {
    const encoded = quote(value);
    if (encoded === undefined) impossible.push(name);
    else lines.push(`${name}=${encoded}`);
  }
  if (impossible.length > 0) {
    throw new DotenvError(
      `Cannot write ${impossible.join(', ')} to a .env file exactly: no dotenv quoting carries ` +
        'the value (dotenv has no escape for its mix of quotes, line breaks, # and backslashes). Use export-type env or output for it',
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
