import { afterEach, describe, expect, it } from "vitest";
import { mergeValues, parseValuesYaml, render, validateValues, type SetKind } from "../src/index.js";
import { BASE_SET, errorOf } from "./fixtures.js";

const untouched = () => {
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
};
afterEach(untouched);


describe("keys that name a prototype never reach one, from any source", () => {
  const kinds: [SetKind, string][] = [["set", "yes"], ["set-string", "yes"], ["set-json", '"yes"'], ["set-literal", "yes"], ["set-file", "f.txt"]];
  const keys = ["__proto__.polluted", "constructor.prototype.polluted", "global.__proto__.polluted", "a.prototype.polluted", "list[0].__proto__.polluted"];
  const readFile = () => "yes";
  const sources = { set: "set", "set-string": "setString", "set-json": "setJson", "set-literal": "setLiteral", "set-file": "setFile" } as const;
  it.each(kinds.flatMap(([kind, value]) => keys.map((key) => [kind, `${key}=${value}`] as const)))("--%s %s", (kind, expression) => {
    const values = mergeValues({ set: BASE_SET, [sources[kind]]: [expression] }, { readFile });
    untouched();
    // The key is an own, plain key: refused by the schema at its top-level key, never silently used.
    const result = validateValues(values);
    expect(result.ok).toBe(false);
    const unknownKey = expression.startsWith("global.") ? "global.__proto__" : expression.split(/[.[]/)[0];
    expect(result.problems.map((p) => p.path)).toContain(unknownKey);
  });

  it("values files: plain keys, anchors, aliases and << merge keys", () => {
    const text = [
      "base: &b {polluted: 1}",
      "__proto__: *b",
      "constructor: {prototype: {polluted: 1}}",
      "merged:",
      "  <<: [{__proto__: {polluted: 1}}, *b]",
      "global:",
      "  <<: {__proto__: {polluted: 1}}",
    ].join("\n");
    const file = parseValuesYaml(text, "evil.yaml");
    untouched();
    expect(Object.keys(file)).toEqual(["base", "__proto__", "constructor", "merged", "global"]);
    const merged = mergeValues({ files: [file, parseValuesYaml("__proto__: {x: 1}\nglobal: {__proto__: {y: 1}}\n", "b.yaml")], set: BASE_SET });
    untouched();
    expect(validateValues(merged).ok).toBe(false);
  });

  it("shares nothing: rendering twice from one values object gives the same files and leaves it unchanged", () => {
    const values = mergeValues({ set: [...BASE_SET, "workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa"] });
    const copy = structuredClone(values);
    expect(render({ values }).files).toEqual(render({ values }).files);
    expect(values).toEqual(copy);
  });
});

describe("inputs made to exhaust memory or the stack get a clear error, fast", () => {
  it("a billion-laughs alias bomb in a values file", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const start = performance.now();
    const e = errorOf(() => parseValuesYaml(lines.join("\n"), "lol.yaml"));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(e.code).toBe("VALUES_FILE");
    expect(e.problems[0]!.message).toMatch(/^lol.yaml: its aliases expand it to more than 1,000,000 values/);
  });

  it("a values file nested deeper than 100 levels", () => {
    const e = errorOf(() => parseValuesYaml(`${"a:\n".split("").join("")}${Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`, "deep.yaml"));
    expect(e.code).toBe("VALUES_FILE");
  });

  it.each([
    ["a name nested 100,000 levels", `a${".a".repeat(100_000)}=1`, "set"],
    ["a list nested 100,000 levels", `a${"[0]".repeat(100_000)}=1`, "set"],
    ["100,000 unclosed braces", `a=${"{".repeat(100_000)}`, "set"],
    ["a JSON array nested 200,000 levels", `a=${"[".repeat(200_000)}${"]".repeat(200_000)}`, "setJson"],
    ["a JSON object nested 200,000 levels", `a={${'"a":{'.repeat(200_000)}${"}".repeat(200_000)}}`, "setJson"],
  ] as const)("--set with %s", (_name, expression, kind) => {
    const e = errorOf(() => mergeValues({ [kind]: [expression] }));
    expect(e.code).toBe("SET_PARSE");
  });

  it("a very long --set value is taken, whole", () => {
    const long = "x".repeat(5_000_000);
    expect((mergeValues({ set: [`a=${long}`] }).a as string).length).toBe(5_000_000);
  });

  it("a 50 MB values file gets an answer, not a hang", () => {
    const rows = Array.from({ length: 1_300_000 }, (_, i) => `  - "item ${i} of a very large values file"`);
    const text = `global:\n  hub: registry.internal/tetrate\nfiller:\n${rows.join("\n")}\n`;
    expect(text.length).toBeGreaterThan(50_000_000);
    const start = performance.now();
    const result = validateValues(mergeValues({ files: [parseValuesYaml(text, "big.yaml")], set: BASE_SET }));
    expect(result.problems).toEqual([expect.objectContaining({ path: "filler", message: expect.stringMatching(/^unknown key/) })]);
    expect(performance.now() - start).toBeLessThan(30_000);
  });
});
