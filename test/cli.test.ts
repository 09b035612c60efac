import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/run.js";
import { BASE_SET } from "./fixtures.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "vm-template-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const status = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    cwd: dir,
    version: "9.9.9",
  });
  return { status, stdout, stderr };
}

const sets = BASE_SET.flatMap((s) => ["--set", s]);
const examples = join(import.meta.dirname, "..", "examples");

describe("vm-template CLI", () => {
  it("runs the seed's helm command unchanged but for the program name", async () => {
    const r = await cli([...sets, "--show-only", "docker-compose.yaml"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`---\n# Source: vm-template/docker-compose.yaml\n${readFileSync(join(examples, "helm-command", "expected", "docker-compose.yaml"), "utf8")}`);
  });

  it("prints every file with a # Source header, in a fixed order", async () => {
    const r = await cli(["-f", join(examples, "ratings-vm", "values.yaml")]);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^# Source: .*$/gm)).toEqual([
      "# Source: vm-template/docker-compose.yaml",
      "# Source: vm-template/sidecar.yaml",
      "# Source: vm-template/workloadentry.yaml",
    ]);
  });

  it("is byte-identical whatever the key order of the input", async () => {
    const a = await cli(["-f", join(examples, "ratings-vm", "values.yaml")]);
    const reversed = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const { load } = await import("js-yaml");
    writeFileSync(join(dir, "rev.json"), JSON.stringify(reversed(load(readFileSync(join(examples, "ratings-vm", "values.yaml"), "utf8")))));
    const b = await cli(["-f", "rev.json"]);
    expect(b.stdout).toBe(a.stdout);
  });

  it("reads -f - from stdin", async () => {
    const r = await cli(["-f", "-"], readFileSync(join(examples, "helm-command", "values.yaml"), "utf8"));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("registry.internal/tetrate/proxyv2:0.9.0");
  });

  it("reports every problem, one line each, exit 1, no stack trace", async () => {
    const r = await cli([...sets, "--set", "global.vmgateway.host=1.2.3.4.5", "--set", "global.sidecar.appid=x"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'error: global.sidecar.appid: unknown key (did you mean "appId"?)\n' +
        'error: global.vmgateway.host: must be an IPv4/IPv6 address or host name (got "1.2.3.4.5")\n',
    );
  });

  it.each([
    [["--set", "name1,name2"], 'error: --set "name1,name2": key "name1" has no value (cannot end with ,)'],
    [["--set", "list[-1]=x"], 'error: --set "list[-1]=x": negative -1 index not allowed'],
    [["--set", "name={1,2"], "error: --set \"name={1,2\": list must terminate with '}'"],
    [["-f", "missing.yaml"], "error: missing.yaml: cannot read values file: no such file or directory"],
  ])("refuses %j with exit 1", async (argv, line) => {
    const r = await cli(argv);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(line);
  });

  it.each([
    ["not YAML", "a: [1, 2\n", /^error: bad.yaml:2:1: not valid YAML: /],
    ["not a mapping", "- a\n- b\n", /^error: bad.yaml: must be a mapping of values at the top level \(got a list\)/],
    ["a scalar", "just text\n", /^error: bad.yaml: must be a mapping .*got a string/],
  ])("refuses a values file that is %s, naming the file", async (_what, text, line) => {
    writeFileSync(join(dir, "bad.yaml"), text);
    const r = await cli(["-f", "bad.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(line);
  });

  it("refuses --set __proto__.x=1 with the path named, and pollutes nothing", async () => {
    const r = await cli([...sets, "--set", "__proto__.x=1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: __proto__: unknown key");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([[["--bogus"]], [["--set"]], [["render", "extra"]], [["nonsense"]]])("usage error %j: exit 2", async (argv) => {
    const r = await cli(argv);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });

  it("--show-only of a file the chart does not have is a usage error; of one not rendered, exit 1", async () => {
    expect((await cli([...sets, "-s", "docker-compose.yml"])).status).toBe(2);
    const r = await cli([...sets, "-s", "workloadentry.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not rendered with these values");
  });

  it("--help shows examples; --version the version", async () => {
    const help = await cli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--show-only docker-compose.yaml");
    expect((await cli(["--version"])).stdout).toBe("9.9.9\n");
  });

  it("values prints the effective values; schema prints the schema", async () => {
    const v = await cli(["values", ...sets, "--json"]);
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout).global.sidecar.certsDir).toBe("/etc/certs");
    const y = await cli(["values", ...sets]);
    expect(y.stdout).toContain("  tag: 0.9.0\n");
    const s = await cli(["schema"]);
    expect(JSON.parse(s.stdout).$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  describe("--output-dir", () => {
    it("writes every file", async () => {
      const r = await cli(["-f", join(examples, "ratings-vm", "values.yaml"), "-o", "out"]);
      expect(r.status).toBe(0);
      expect(readdirSync(join(dir, "out")).sort()).toEqual(["docker-compose.yaml", "sidecar.yaml", "workloadentry.yaml"]);
      expect(readFileSync(join(dir, "out", "sidecar.yaml"), "utf8")).toBe(readFileSync(join(examples, "ratings-vm", "expected", "sidecar.yaml"), "utf8"));
    });

    it("on invalid values writes nothing and changes no existing file", async () => {
      mkdirSync(join(dir, "out"));
      writeFileSync(join(dir, "out", "docker-compose.yaml"), "old\n");
      const r = await cli([...sets, "--set", "global.sidecar.appNs=Bad", "-o", "out"]);
      expect(r.status).toBe(1);
      expect(readdirSync(join(dir, "out"))).toEqual(["docker-compose.yaml"]);
      expect(readFileSync(join(dir, "out", "docker-compose.yaml"), "utf8")).toBe("old\n");
    });

    it.skipIf(process.getuid?.() === 0)("into an unwritable directory fails with exit 1 and leaves no temporary file", async () => {
      mkdirSync(join(dir, "ro"));
      writeFileSync(join(dir, "ro", "docker-compose.yaml"), "old\n");
      chmodSync(join(dir, "ro"), 0o555);
      const r = await cli([...sets, "-o", "ro"]);
      chmodSync(join(dir, "ro"), 0o755);
      expect(r.status).toBe(1);
      expect(readdirSync(join(dir, "ro"))).toEqual(["docker-compose.yaml"]);
    });

    it("when a target cannot be written, nothing is written and no temporary file is left", async () => {
      mkdirSync(join(dir, "out"));
      writeFileSync(join(dir, "out", "docker-compose.yaml"), "old\n");
      mkdirSync(join(dir, "out", "sidecar.yaml")); // a directory where a file must go
      const r = await cli(["-f", join(examples, "ratings-vm", "values.yaml"), "-o", "out"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: cannot write to .*sidecar.yaml exists and is not a regular file; nothing was changed/);
      expect(readdirSync(join(dir, "out")).sort()).toEqual(["docker-compose.yaml", "sidecar.yaml"]);
      expect(readFileSync(join(dir, "out", "docker-compose.yaml"), "utf8")).toBe("old\n");
    });
  });
});
