/**
 * A unified diff of two texts, as `diff -u` and `git diff` print it (3 lines of context), for
 * `--check` to show how committed files differ from what would be rendered. `undefined` on a
 * side means the file does not exist there (/dev/null). Returns "" when the texts are equal.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3, maxEdits = MAX_DIFF_EDITS): string {
  if (before === after) return "";
  const a = lines(before);
  const b = lines(after);
  const ops = diffLines(a, b, maxEdits);
  if (!ops) return filesDiffer(path, before, after, `more than ${maxEdits.toLocaleString("en")} lines changed`);
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

/** Beyond this many inserted plus deleted lines, a diff says only that the files differ. */
export const MAX_DIFF_EDITS = 2000;

/**
 * Myers' O(ND) diff after trimming the common prefix and suffix (generated files differ in few
 * places). Memory is O(D²) for the D edits, bounded by MAX_DIFF_EDITS, whatever the length of
 * the files; undefined when the files differ by more.
 */
function diffLines(a: string[], b: string[], maxEdits: number): Op[] | undefined {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const n = endA - start;
  const m = endB - start;
  if (Math.abs(n - m) > maxEdits) return undefined;
  // v[k + offset]: the furthest x on diagonal k (x - y = k); trace[d]: v after d edits, k in [-d, d].
  const offset = maxEdits + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(maxEdits, n + m) && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!) ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) { x++; y++; }
      v[k + offset] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;
  // Walk the trace back from (n, m), collecting the edit script in reverse.
  const back: Op[] = [];
  const push = (kind: Op["kind"], x: number, y: number) => back.push({ kind, text: kind === "+" ? b[start + y]! : a[start + x]!, aLine: start + x + 1, bLine: start + y + 1 });
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; push("=", x, y); }
    if (down) { y--; push("+", x, y); } else { x--; push("-", x, y); }
  }
  while (x > 0 && y > 0) { x--; y--; push("=", x, y); }
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: "=", text: a[k]!, aLine: k + 1, bLine: k + 1 });
  // Deletions before insertions within a change, as diff -u prints a changed line.
  const middle = back.reverse();
  for (let i = 0; i < middle.length; ) {
    if (middle[i]!.kind === "=") { ops.push(middle[i++]!); continue; }
    let j = i;
    while (j < middle.length && middle[j]!.kind !== "=") j++;
    const run = middle.slice(i, j);
    ops.push(...run.filter((o) => o.kind === "-"), ...run.filter((o) => o.kind === "+"));
    i = j;
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ kind: "=", text: a[endA + k]!, aLine: 0, bLine: 0 });
  // Line numbers in order (the reordering above moved some).
  let i = 1;
  let j = 1;
  for (const op of ops) {
    op.aLine = i;
    op.bLine = j;
    if (op.kind !== "+") i++;
    if (op.kind !== "-") j++;
  }
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

/** What diff says when it shows no lines (as for binary files), with the reason. */
export function filesDiffer(path: string, before: string | undefined, after: string | undefined, why: string): string {
  return `Files ${before === undefined ? "/dev/null" : `a/${path}`} and ${after === undefined ? "/dev/null" : `b/${path}`} differ (${why}; not shown)\n`;
}
