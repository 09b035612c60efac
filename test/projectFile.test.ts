// Issue 13, seen 1 and 8: a new user's first commands. `init` writes vm-template.yaml, which
// every command then reads first; missing values say how to go on; `values` always prints.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { builtinChart, publishedSchema } from "../src/index.js";
import { BASE_SET } from "./fixtures.js";
import { cli, examples, sets, tempCwd } from "./cliHarness.js";

const t = tempCwd();
const run = (argv: string[], stdin = "") => cli(t.dir, argv, stdin);
const projectFile = () => join(t.dir, "vm-template.yaml");
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ allErrors: true })).compile(publishedSchema(builtinChart()));

describe("vm-template init and the project file", () => {
  it("makes the product's usage line work in a project: init once, then one --set", async () => {
    const withoutAppId = BASE_SET.filter((s) => !s.startsWith("global.sidecar.appId=")).flatMap((s) => ["--set", s]);
    const init = await run(["init", ...withoutAppId]);
    expect(init.status).toBe(0);
    expect(init.stdout).toBe("wrote vm-template.yaml\n");
    expect(init.stderr).toBe("note: still to fill in: global.sidecar.appId\n");
    const r = await run(["--set", "global.sidecar.appId=bookinfo", "-s", "docker-compose.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(examples, "helm-command", "expected", "docker-compose.yaml"), "utf8"));
  });

  it("writes the given values, every other key commented with its description, and a $schema line that resolves", async () => {
    expect((await run(["init", ...sets])).status).toBe(0);
    const text = readFileSync(projectFile(), "utf8");
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(schemaLine).not.toBeNull();
    expect(existsSync(join(t.dir, schemaLine![1]!)), "the schema file the line points at").toBe(true);
    // The file holds exactly the given values, and the published schema accepts it.
    const values = load(text);
    expect(values).toEqual((load(readFileSync(join(examples, "helm-command", "values.yaml"), "utf8"))));
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
    expect(text).toContain("  # ## Image tag of the proxy images.");
    expect(text).toContain("  ## Registry holding the proxy images, without tag.");
    expect(text).toContain("  # tag: 0.9.0\n");
    expect(text).toMatch(/^# workloadEntry:$/m);
    expect(text).toMatch(/^#   address: 10\.128\.0\.10$/m);
  });

  it("writes commented blocks that are valid values once uncommented", async () => {
    await run(["init", ...sets]);
    const lines = readFileSync(projectFile(), "utf8").split("\n");
    // Uncomment the workloadEntry block (remove one "# " from each of its lines).
    const start = lines.indexOf("# workloadEntry:");
    let end = start + 1;
    while (lines[end]?.startsWith("#   ")) end++;
    const uncommented = [...lines.slice(0, start), ...lines.slice(start, end).map((l) => l.slice(2)), ...lines.slice(end)].join("\n");
    writeFileSync(projectFile(), uncommented);
    const values = load(uncommented) as { workloadEntry: { address: string } };
    expect(values.workloadEntry.address).toBe("10.128.0.10");
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
    const r = await run(["-s", "workloadentry.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("never replaces an existing vm-template.yaml", async () => {
    writeFileSync(projectFile(), "# mine\n");
    const r = await run(["init", ...sets]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("vm-template.yaml already exists");
    expect(readFileSync(projectFile(), "utf8")).toBe("# mine\n");
  });

  it("refuses wrong values and writes nothing", async () => {
    const r = await run(["init", "--set", "global.sidecar.appid=x"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('global.sidecar.appid: unknown key (did you mean "appId"?)');
    expect(existsSync(projectFile())).toBe(false);
  });

  it("is the first values file of every command, named in errors; --no-project-file turns it off", async () => {
    writeFileSync(projectFile(), readFileSync(join(examples, "helm-command", "values.yaml")));
    const values = await run(["values", "--json", "--set", "global.tag=2.0"]);
    expect(values.status).toBe(0);
    expect(JSON.parse(values.stdout).global).toMatchObject({ hub: "registry.internal/tetrate", tag: "2.0" });
    const bad = await run(["--set", "global.vmgateway.host=1.2.3.4.5"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("note: values from vm-template.yaml (the project file), 1 --set flag\n");
    const off = await run(["--no-project-file"]);
    expect(off.status).toBe(1);
    expect(off.stderr).toContain("error: global.hub: is required\n");
  });
});

describe("values missing, and what to do about it", () => {
  it("says to run vm-template init when values are missing and there is no project file", async () => {
    const r = await run(["--set", "global.sidecar.appId=bookinfo"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("note: run 'vm-template init' to write vm-template.yaml");
  });

  it("lists a missing map's required keys", async () => {
    const r = await run(["--set", "global.hub=r"]);
    expect(r.stderr).toContain("error: global.vmgateway: is required (a map with host)\n");
  });

  it("explains that --set a={} is a list in Helm's grammar", async () => {
    const r = await run([...sets, "--set", "global.tcc={}"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: global.tcc: must be an object (got [""]); in --set, {…} is a list (Helm\'s grammar)');
  });
});

describe("vm-template values", () => {
  it("shows the defaults with no values at all, and lists the problems on stderr (exit 1, like helm lint)", async () => {
    const r = await run(["values"]);
    expect(r.status).toBe(1);
    expect(load(r.stdout)).toEqual(builtinChart().defaults);
    expect(r.stdout).toContain("  tag: 0.9.0\n");
    expect(r.stderr).toContain("error: global.hub: is required\n");
  });

  it("prints incomplete values as given, in YAML or JSON", async () => {
    const r = await run(["values", "--json", "--set", "global.hub=r,global.vmgateway.host=1.2.3.4.5"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).global).toMatchObject({ hub: "r", tag: "0.9.0", vmgateway: { host: "1.2.3.4.5" } });
    expect(r.stderr).toContain("error: global.vmgateway.host: must be an IPv4/IPv6 address or host name");
  });

  it("exits 0 when the values are complete", async () => {
    const r = await run(["values", ...sets]);
    expect(r).toMatchObject({ status: 0, stderr: "" });
  });
});
