import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_DIFF_EDITS, unifiedDiff } from "../src/output/unifiedDiff.js";

/** Applies a unified diff to `before` as patch(1) does with exact line numbers; throws on any mismatch. */
function applyDiff(before: string, diff: string): string {
  const a = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let at = 0;
  const lines = diff.replace(/\n$/, "").split("\n").slice(2);
  for (let i = 0; i < lines.length; ) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i++]!);
    if (!m) throw new Error(`not a hunk header: ${lines[i - 1]}`);
    const oldStart = Number(m[1]) - (m[2] === "0" ? 0 : 1);
    while (at < oldStart) out.push(a[at++]!);
    for (; i < lines.length && !lines[i]!.startsWith("@@"); i++) {
      const [kind, text] = [lines[i]![0], lines[i]!.slice(1)];
      if (kind === "+") out.push(text);
      else if (a[at++] !== text) throw new Error(`context or removed line does not match at ${at}: ${text}`);
      else if (kind === " ") out.push(text);
    }
  }
  while (at < a.length) out.push(a[at++]!);
  return out.length ? `${out.join("\n")}\n` : "";
}

function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!));
    prev = row;
  }
  return prev[b.length]!;
}

const text = (lines: string[]) => (lines.length ? `${lines.join("\n")}\n` : "");

describe("unifiedDiff", () => {
  it("prints what diff -u prints", () => {
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n")).toBe("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    expect(unifiedDiff("f", undefined, "x\n")).toBe("--- /dev/null\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
    expect(unifiedDiff("f", "x\n", undefined)).toBe("--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
    expect(unifiedDiff("f", "same\n", "same\n")).toBe("");
  });

  it("is a minimal diff that patch applies back, for any two texts", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 25 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const [before, after] = [text(x), text(y)];
        const diff = unifiedDiff("f", before, after);
        if (before === after) return diff === "";
        expect(applyDiff(before, diff)).toBe(after);
        const edits = diff.split("\n").filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;
        expect(edits).toBe(x.length + y.length - 2 * lcsLength(x, y));
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  // Issue 11 item 11: the diff took n·m memory, and threw RangeError past about 70,000 lines.
  it("stays linear in the length of the files: 100,000 lines with one change, and two unrelated 80,000-line files", () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const changed = big.map((l, i) => (i === 50_000 ? "changed" : l));
    expect(unifiedDiff("f", text(big), text(changed))).toBe(
      "--- a/f\n+++ b/f\n@@ -49998,7 +49998,7 @@\n line 49997\n line 49998\n line 49999\n-line 50000\n+changed\n line 50001\n line 50002\n line 50003\n",
    );
    const other = Array.from({ length: 80_000 }, (_, i) => `other ${i}`);
    expect(unifiedDiff("f", text(big.slice(0, 80_000)), text(other))).toBe(`Files a/f and b/f differ (more than ${MAX_DIFF_EDITS.toLocaleString("en")} lines changed; not shown)\n`);
  });

  it("shows up to its bound of changed lines", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a ${i}`);
    const b = a.map((l, i) => (i % 3 === 0 ? `b ${i}` : l)); // 1,000 lines changed: 2,000 edits
    const diff = unifiedDiff("f", text(a), text(b));
    expect(applyDiff(text(a), diff)).toBe(text(b));
  });
});
