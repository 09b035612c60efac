import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { run } from "../src/cli/run.js";

// The installed command is bin/vm-template.js, which runs the bundle the build makes
// (dist/cli.cjs, with its code cache): it must do exactly what the CLI's source does.
const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "vm-template.js");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

function shipped(argv: string[], input = "") {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: root, input, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function source(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const status = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin, cwd: root, version });
  return { status, stdout, stderr };
}

const ratings = readFileSync(join(root, "examples", "ratings-vm", "values.yaml"), "utf8");

describe("the shipped command behaves as the CLI's source", () => {
  it.each([
    ["the bundled example", ["-f", "examples/ratings-vm/values.yaml"], ""],
    ["a fleet, one file", ["-f", "examples/fleet/values.yaml", "-s", "services/ratings/servicedefinition.yaml"], ""],
    ["values from stdin and --set", ["-f", "-", "--set", "workloadEntry.network=vpc-2", "-s", "workloadentry.yaml"], ratings],
    ["effective values as JSON", ["values", "--json", "-f", "examples/ratings-vm/values.yaml"], ""],
    ["invalid values (exit 1, paths named)", ["-f", "-", "--set", "global.tcc.tenant=a b,serviceDefinition.ports[0].number=0"], ratings],
    ["a usage error (exit 2, through yargs)", ["--bogus"], ""],
    ["--help (through yargs)", ["--help"], ""],
    ["--version", ["--version"], ""],
  ])("%s", async (_what, argv, stdin) => {
    const got = shipped(argv, stdin);
    expect(got).toEqual(await source(argv, stdin));
    expect(got.stdout.length + got.stderr.length).toBeGreaterThan(0);
  });

  it("uses the code cache the build made, which V8 accepts", () => {
    const probe = spawnSync(process.execPath, ["-e", `process.stdout.write(String(require(${JSON.stringify(join(root, "bin", "load-cli.cjs"))}).loadCli().cached))`], { encoding: "utf8" });
    expect(probe.stdout).toBe("true");
  });

  it("never uses a cache made from another bundle", () => {
    // A copy of bin/ and dist/ under node_modules, so that the bundle still finds its packages.
    const copy = join(root, "node_modules", ".cache", "vm-template-bin-test");
    rmSync(copy, { recursive: true, force: true });
    try {
      mkdirSync(join(copy, "dist"), { recursive: true });
      cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
      for (const f of ["cli.cjs", "cli.cjs.cache"]) cpSync(join(root, "dist", f), join(copy, "dist", f));
      const load = () => (createRequire(import.meta.url)(join(copy, "bin", "load-cli.cjs")) as { loadCli: () => { cached: boolean; run: unknown } }).loadCli();
      const bundle = readFileSync(join(copy, "dist", "cli.cjs"), "utf8");
      writeFileSync(join(copy, "dist", "cli.cjs"), bundle.replace(/vm-template-build (\w)/, (_m, c: string) => `vm-template-build ${c === "0" ? "1" : "0"}`));
      const loaded = load();
      expect(loaded.cached).toBe(false);
      expect(typeof loaded.run).toBe("function");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
