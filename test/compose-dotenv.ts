// How docker compose reads a .env file (`--env-file`, `env_file:`), followed from compose-go's dotenv
// parser (compose-spec/compose-go dotenv/parser.go): no backtick quotes; a quoted value ends at its
// quote unless a backslash precedes it; only double quotes expand backslash escapes and then `$`
// variables, as an unquoted value (cut at newline and at " #", trailing space trimmed) does too.
// Enough of it for the files the action writes; variables are read as unset, as in a clean shell.

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function expandEscapes(text: string): string {
  return text.replace(/\\([abcfnrtv$"\\]|0[0-7]{0,3})/g, (match, c: string) => {
    if (c === '$') return '$$';
    if (c.startsWith('0')) return String.fromCharCode(parseInt(c, 8));
    return c === '"' || c === '\\' ? c : (ESCAPES[c] ?? match);
  });
}

/** `$$` is a dollar, `$NAME` and `${...}` an unset variable; any other `$` fails the whole file. */
function expandVariables(text: string): string {
  return text.replace(/\$(\$|\{[^}]*\}|[A-Za-z_]\w*|)/g, (match, what: string) => {
    if (what === '') throw new Error('invalid interpolation format');
    return match === '$$' ? '$' : '';
  });
}

/** The variables of a .env file as docker compose reads them. */
export function composeParse(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = text;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest === '') return out;
    if (rest.startsWith('#')) {
      const lf = rest.indexOf('\n');
      rest = lf < 0 ? '' : rest.slice(lf);
      continue;
    }
    const equals = rest.indexOf('=');
    if (equals < 0) throw new Error(`no "=" in ${JSON.stringify(rest.slice(0, 40))}`);
    const key = rest.slice(0, equals).trim();
    rest = rest.slice(equals + 1).replace(/^[\t\v\f\r \x85\xa0]+/, '');
    const quote = rest[0];
    if (quote !== '"' && quote !== "'") {
      const lf = rest.indexOf('\n');
      const line = lf < 0 ? rest : rest.slice(0, lf);
      rest = lf < 0 ? '' : rest.slice(lf);
      // Trimmed as Go's unicode.IsSpace: JavaScript's whitespace and U+0085 (NEL), which JavaScript keeps.
      out[key] = expandVariables(line.split(' #')[0].replace(/[\s\x85]+$/, ''));
      continue;
    }
    let chars = '';
    let escaped = false;
    let end = -1;
    for (let i = 1; i < rest.length; i++) {
      const char = rest[i];
      if (char === quote && !escaped) {
        end = i;
        break;
      }
      if (char === quote) chars += char;
      else if (!escaped && char === '\\') {
        escaped = true;
        continue;
      } else chars += escaped ? `\\${char}` : char;
      escaped = false;
    }
    if (end < 0) throw new Error(`unterminated quoted value for ${key}`);
    out[key] = quote === '"' ? expandVariables(expandEscapes(chars)) : chars;
    rest = rest.slice(end + 1);
  }
}
