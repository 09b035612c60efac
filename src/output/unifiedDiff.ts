/**
 * A unified diff of two texts, as `diff -u` and `git diff` print it (3 lines of context), for
 * `--check` to show how committed files differ from what would be rendered. `undefined` on a
 * side means the file does not exist there (/dev/null). Returns "" when the texts are equal.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return "";
  const a = lines(before);
  const b = lines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${before === undefined ? "/dev/null" : `a/${path}`}`, `+++ ${after === undefined ? "/dev/null" : `b/${path}`}`];
  for (const hunk of hunks(ops, context)) {
    const first = ops[hunk.start]!;
    const oldCount = hunk.ops.filter((o) => o.kind !== "+").length;
    const newCount = hunk.ops.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${range(first.aLine, oldCount)} +${range(first.bLine, newCount)} @@`);
    for (const op of hunk.ops) out.push(`${op.kind === "=" ? " " : op.kind}${op.text}`);
  }
  return `${out.join("\n")}\n`;
}

interface Op { kind: "=" | "-" | "+"; text: string; aLine: number; bLine: number }

function lines(text: string | undefined): string[] {
  if (!text) return [];
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  return all;
}

/** Longest common subsequence after trimming the common prefix and suffix (generated files differ in few places). */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  const push = (kind: Op["kind"], text: string, i: number, j: number) => ops.push({ kind, text, aLine: i + 1, bLine: j + 1 });
  for (let k = 0; k < start; k++) push("=", a[k]!, k, k);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) { push("=", a[start + i]!, start + i, start + j); i++; j++; }
    // Deletions before insertions on a tie, as diff -u prints a changed line.
    else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) { push("-", a[start + i]!, start + i, start + j); i++; }
    else { push("+", b[start + j]!, start + i, start + j); j++; }
  }
  for (let k = 0; k < a.length - endA; k++) push("=", a[endA + k]!, endA + k, endB + k);
  return ops;
}

function hunks(ops: Op[], context: number): { start: number; ops: Op[] }[] {
  const out: { start: number; ops: Op[] }[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === "=") { k++; continue; }
    const start = Math.max(0, k - context);
    let end = k;
    // Extend over changes closer together than two contexts, so hunks do not overlap.
    while (end < ops.length) {
      if (ops[end]!.kind !== "=") { end++; continue; }
      let run = end;
      while (run < ops.length && ops[run]!.kind === "=") run++;
      if (run === ops.length || run - end > 2 * context) { end = Math.min(ops.length, end + context); break; }
      end = run;
    }
    out.push({ start, ops: ops.slice(start, end) });
    k = end;
  }
  return out;
}

function range(line: number, count: number): string {
  // diff -u prints the line before an empty range (0 for an empty file), and omits a count of 1.
  const first = count === 0 ? line - 1 : line;
  return count === 1 ? `${first}` : `${first},${count}`;
}
