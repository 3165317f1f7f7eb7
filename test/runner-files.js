// The runner's file-command parser (actions/runner EnvFileKeyValuePairs), followed step by step: lines
// split on "\n" (the Windows build takes a CR before it as part of the line ending); `NAME=value` when
// "=" comes before "<<"; otherwise a heredoc whose value is the exact text between the header line and
// the line ending before the delimiter line.
// A later entry with the same name replaces the earlier one. Plain JS: `npm start` and the
// benchmark use it too.

/** @param {string} text @param {number} index @param {boolean} windows */
function readLine(text, index, windows) {
  if (index >= text.length) return null;
  const lf = text.indexOf('\n', index);
  if (lf < 0) return { line: text.slice(index), next: text.length, newline: 0 };
  if (windows && lf > index && text[lf - 1] === '\r')
    return { line: text.slice(index, lf - 1), next: lf + 1, newline: 2 };
  return { line: text.slice(index, lf), next: lf + 1, newline: 1 };
}

/**
 * @param {string} text
 * @param {{ windows?: boolean }} [options] the Windows runner's reading
 * @returns {Record<string, string>}
 */
export function parseFileCommands(text, { windows = false } = {}) {
  /** @type {Record<string, string>} No prototype: an entry named __proto__ is an entry. */
  const result = Object.create(null);
  let index = 0;
  for (let read = readLine(text, index, windows); read; read = readLine(text, index, windows)) {
    index = read.next;
    const line = read.line;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      result[line.slice(0, equals)] = line.slice(equals + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') throw new Error(`Invalid format '${line}'`);
      const start = index;
      let end = index;
      let value = readLine(text, index, windows);
      while (!value || value.line !== delimiter) {
        if (!value) throw new Error(`Matching delimiter not found '${delimiter}'`);
        index = value.next;
        end = index - value.newline;
        value = readLine(text, index, windows);
      }
      index = value.next;
      result[name] = end > start ? text.slice(start, end) : '';
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return result;
}
