// Hostile values: each must reach later steps byte-exact and never appear unmasked in a log.
const pem = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  '-----END PRIVATE KEY-----',
].join('\n');

export const CORPUS: Record<string, string> = {
  PEM_KEY: `${pem}\n`,
  CRLF_TEXT: 'line-one-crlf\r\nline-two-crlf\r\n',
  TRAILING_NEWLINE: 'trailing-newline-value\n',
  SURROUNDING_SPACES: '   spaced value here   ',
  JSON_BLOB: '{"user":"svc-deploy","password":"p@ss\\"w0rd","list":[1,2,3]}',
  QUOTES: `single ' double " back \` # quotes-mix`,
  DOLLARS: '$HOME ${PATH} $(whoami) `id` $$dollar',
  PERCENT: '100%25 %0A %s %d %% percent-value',
  HASH: 'value # not a comment #hash',
  EQUALS: 'a=b=c==d=equals',
  BACKSLASHES: 'C:\\path\\to\\file \\n \\\\ backslash',
  UNICODE: 'héllo wörld ünïcödé 日本語 ✓ emoji 🔐🚀',
  BIG_64K: 'x'.repeat(40_000) + 'é'.repeat(12_000) + 'big-value-end',
  EMPTY: '',
  DELIMITER_LOOKALIKE: 'ghadelimiter_0123456789abcdef\nghadelimiter_\nEOF-after',
  WORKFLOW_COMMAND: '::set-output name=x::y',
  ADD_MASK_COMMAND: '::add-mask::not-a-mask-really',
  EOF_LINE: 'before\nEOF\nafter-eof-line',
  CR_ONLY: 'carriage\rreturn-only',
  LEADING_NEWLINE: '\nleading-newline-value',
  ONLY_NEWLINES: '\n\n',
};
