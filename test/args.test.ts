import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseArgs, quickArgs } from "../src/cli/args.js";

// quickArgs reads everyday argv without loading yargs; for anything else it must step aside.
// Whatever it does return must be exactly what yargs makes of the same argv.
async function viaYargs(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const result = await parseArgs(argv, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), version: "9.9.9" });
  return { result, ...out };
}

const flags = ["--values", "-f", "--set", "--set-string", "--set-json", "--set-file", "--set-literal", "--show-only", "-s", "--output-dir", "-o", "--name", "--namespace", "-n"];
const odd = ["--check", "--json", "--debug", "--verbose", "--no-project-file", "--help", "-h", "--version", "--", "--no-check", "--check=true", "--setString", "--outputDir", "--values.x", "-x", "--unknown", "-fo", "-f=a.yaml", "render", "values", "schema", "init", "sidecar", "true", "false"];
const value = fc.oneof(
  fc.constantFrom("a.yaml", "-", "", "-x", "--set", "-1", "1", "a=b", "global.hub=r", "x,y=z", "out/", "true", "null", "render", "[1]", " a ", "é=ü", "a\nb"),
  fc.string({ maxLength: 8 }),
);
const token = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...flags), value).map(([f, v]) => [f, v]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...flags.filter((f) => f.startsWith("--"))), value).map(([f, v]) => [`${f}=${v}`]) },
  { weight: 1, arbitrary: fc.constantFrom(...odd).map((t) => [t]) },
  { weight: 1, arbitrary: value.map((v) => [v]) },
);
const argvs = fc.tuple(fc.option(fc.constantFrom("render", "values", "schema", "init")), fc.array(token, { maxLength: 6 })).map(([command, tokens]) => [...(command ? [command] : []), ...tokens.flat()]);

describe("quickArgs agrees with yargs wherever it answers", () => {
  it("on 1,500 generated argv, including odd tokens and values", async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(argvs, async (argv) => {
        const quick = quickArgs(argv);
        if (quick === undefined) return;
        answered++;
        const { result, stderr } = await viaYargs(argv);
        expect(stderr).toBe("");
        expect(quick).toEqual(result);
      }),
      { numRuns: 1500, seed: 20261121 },
    );
    // It must carry the everyday cases, or it saves nothing.
    expect(answered).toBeGreaterThan(300);
  }, 120_000);

  it.each([
    [["-f", "examples/ratings-vm/values.yaml"]],
    [["-f", "-", "--set", "global.hub=r", "--set-string=global.tag=1.0", "-s", "sidecar.yaml"]],
    [["values", "--json", "-f", "a.yaml"]],
    [["schema"]],
    [["-f", "fleet.yaml", "-o", "deploy/", "--check"]],
    [["-f", "a.yaml,b.yaml", "-n", "bookinfo", "--debug", "--no-project-file"]],
    [["init", "--set", "global.hub=r"]],
    [[]],
  ])("answers the everyday %j, as yargs does", async (argv) => {
    const quick = quickArgs(argv);
    expect(quick).toBeDefined();
    expect(quick).toEqual((await viaYargs(argv)).result);
  });

  it.each([[["--help"]], [["--version"]], [["-f"]], [["--check"]], [["render", "extra"]], [["--set", "-x"]], [["-o", "a", "-o", "b"]], [["--no-json"]], [["--"]]])(
    "leaves %j to yargs",
    (argv) => {
      expect(quickArgs(argv)).toBeUndefined();
    },
  );
});
