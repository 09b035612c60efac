import fc from "fast-check";
function oldN(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/[ \t]+$/, ""));
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.some((l) => l !== "" && !l.startsWith("#")) ? `${lines.join("\n")}\n` : "";
}
function newN(text) {
  const trimmed = (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text).replace(/[ \t]+(?=\n|$)/g, "").replace(/^\n+|\n+$/g, "");
  return /(?:^|\n)[^#\n]/.test(trimmed) ? `${trimmed}\n` : "";
}
const r = fc.check(fc.property(fc.array(fc.constantFrom("\n", "\r", "\r\n", " ", "\t", "#", "a", ":", "\u2028", "\u2029", "\u00a0", "\u0085", "\v", "\f", "x y"), { maxLength: 30 }).map((a) => a.join("")), (s) => oldN(s) === newN(s)), { numRuns: 200000 }); if (r.failed) { const s = r.counterexample[0]; console.log(JSON.stringify(s), JSON.stringify(oldN(s)), JSON.stringify(newN(s))); }
console.log("ok");
