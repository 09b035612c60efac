// Issue 13, seen 2 and 5: Helm's flags as Helm reads them, and every other flag refused.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { cli, examples, sets, tempCwd } from "./cliHarness.js";

const t = tempCwd();
const run = (argv: string[], stdin = "") => cli(t.dir, argv, stdin);
const withoutAppNs = sets.filter((s) => !s.startsWith("global.sidecar.appNs=")).filter((s, i, a) => !(s === "--set" && a[i + 1]?.startsWith("--set")));
const compose = readFileSync(join(examples, "helm-command", "expected", "docker-compose.yaml"), "utf8");

describe("Helm's flags", () => {
  it("takes the seed's command as written: --name sidecar --namespace bookinfo-vm", async () => {
    // seed 000: helm template tetrate/install/helm/vm --name sidecar --namespace bookinfo-vm --set …
    const r = await run(["--name", "sidecar", "--namespace", "bookinfo-vm", ...withoutAppNs, "--show-only", "docker-compose.yaml"]);
    expect(r.stderr).toBe("");
    // The release names the proxy's container; everything else is the golden file's.
    expect(r.stdout).toBe(compose.replace("\n  istio-proxy:\n", "\n  sidecar:\n").replace("container_name: istio-proxy\n", "container_name: sidecar\n"));
  });

  it("NAME (positional) or --name is the release name: the proxy's container in docker-compose.yaml", async () => {
    const byPositional = await run(["bookinfo-proxy", ...sets, "-s", "docker-compose.yaml"]);
    const byFlag = await run(["render", "--name", "bookinfo-proxy", ...sets, "-s", "docker-compose.yaml"]);
    expect(byPositional.status).toBe(0);
    expect(byFlag.stdout).toBe(byPositional.stdout);
    const services = (load(byPositional.stdout) as { services: Record<string, { container_name: string }> }).services;
    expect(Object.keys(services)).toEqual(["bookinfo-proxy"]);
    expect(services["bookinfo-proxy"]!.container_name).toBe("bookinfo-proxy");
    // Without NAME: tctl's default.
    expect(Object.keys((load((await run([...sets, "-s", "docker-compose.yaml"])).stdout) as { services: object }).services)).toEqual(["istio-proxy"]);
  });

  it("with a workloadEntry, NAME is the default of its proxy-container-name, so tctl starts the same container", async () => {
    const r = await run(["web", "-f", join(examples, "ratings-vm", "values.yaml")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("sidecar-bootstrap.istio.io/proxy-container-name: web\n");
    expect(r.stdout).toMatch(/^# {3}web:$/m);
    // A value given wins over the release name, as in Helm.
    const given = await run(["web", "-f", join(examples, "ratings-vm", "values.yaml"), "--set", "workloadEntry.bootstrap.proxyContainerName=mine"]);
    expect(given.stdout).toContain("sidecar-bootstrap.istio.io/proxy-container-name: mine\n");
    expect(given.stdout).toMatch(/^# {3}mine:$/m);
  });

  it.each([
    [["Sidecar", ...sets], "release name"],
    [["a", "--name", "b", ...sets], "given twice"],
    [["--name", "x", "-f", join(examples, "fleet", "values.yaml")], "fleet"],
  ])("refuses a release name %j that cannot be used (exit 2)", async (argv, message) => {
    const r = await run(argv);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("-n/--namespace is the namespace of every resource whose values give none", async () => {
    const single = await run(["values", "-n", "bookinfo-vm", ...withoutAppNs, "--json"]);
    expect(single.status).toBe(0);
    expect(JSON.parse(single.stdout).global.sidecar.appNs).toBe("bookinfo-vm");
    // A value given wins over the release namespace, as in Helm.
    const given = await run(["values", "-n", "other", ...sets, "--json"]);
    expect(JSON.parse(given.stdout).global.sidecar.appNs).toBe("bookinfo-vm");
    // A fleet: each service without a namespace takes it.
    const fleet = load(readFileSync(join(examples, "fleet", "values.yaml"), "utf8")) as { services: Record<string, { namespace?: string }> };
    delete fleet.services.ratings!.namespace;
    writeFileSync(join(t.dir, "fleet.json"), JSON.stringify(fleet));
    const r = await run(["values", "--namespace", "bookinfo", "-f", "fleet.json", "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).services.ratings.namespace).toBe("bookinfo");
  });

  it("-f a.yaml,b.yaml is two values files, merged left to right (pflag's StringSlice)", async () => {
    writeFileSync(join(t.dir, "a.yaml"), readFileSync(join(examples, "helm-command", "values.yaml")));
    writeFileSync(join(t.dir, "b.yaml"), "global:\n  tag: 1.2.3\n");
    const r = await run(["values", "-f", "a.yaml,b.yaml", "--json"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).global.tag).toBe("1.2.3");
    expect(JSON.parse(r.stdout).global.hub).toBe("registry.internal/tetrate");
  });

  it("--debug prints the effective values and, for each problem, the templates that read the value", async () => {
    const r = await run([...sets, "--set", "global.vmgateway.host=1.2.3.4.5", "--debug"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("debug: effective values:\n");
    expect(r.stderr).toContain("    certsDir: /etc/certs\n");
    expect(r.stderr).toMatch(/^debug: global\.vmgateway\.host: read by templates\/\S+\.hbs/m);
  });

  it.each([
    ["vm-template/sidecar.yaml", ["sidecar.yaml"]],
    ["templates/sidecar.yaml", ["sidecar.yaml"]],
    ["./sidecar.yaml", ["sidecar.yaml"]],
    ["vm-template/services/ratings", ["services/ratings/kustomization.yaml", "services/ratings/servicedefinition.yaml", "services/ratings/serviceentry.yaml", "services/ratings/sidecar.yaml"]],
    ["services/ratings/", ["services/ratings/kustomization.yaml", "services/ratings/servicedefinition.yaml", "services/ratings/serviceentry.yaml", "services/ratings/sidecar.yaml"]],
    ["vms/*/workloadentry-details.yaml", ["vms/legacy-35-194-38-142/workloadentry-details.yaml"]],
    ["**/sidecar.yaml", ["services/details/sidecar.yaml", "services/ratings/sidecar.yaml"]],
  ])("--show-only %s: by its # Source: name, a folder or a glob", async (name, paths) => {
    const values = name.includes("services") || name.includes("vms") || name.startsWith("**") ? join(examples, "fleet", "values.yaml") : join(examples, "ratings-vm", "values.yaml");
    const r = await run(["-f", values, "--show-only", name]);
    expect(r.stderr).toBe("");
    expect(r.stdout.match(/^# Source: vm-template\/(.*)$/gm)?.map((l) => l.slice("# Source: vm-template/".length))).toEqual(paths);
  });
});

describe("flags a command does not use, and mistakes", () => {
  it.each([
    [["values", "-o", "x", ...sets], "values does not use -o"],
    [["values", "-s", "sidecar.yaml", ...sets], "values does not use -s"],
    [["schema", "-f", "v.yaml"], "schema does not use -f"],
    [["render", "--json", ...sets], "render does not use --json"],
    [["init", "--check"], "init does not use --check"],
    [["-f", "v.yaml", "--version", "1.0"], "--version takes no command or other flag"],
    [["--version", "--json"], "--version takes no command or other flag"],
    [["--valuse", "v.yaml"], "unknown flag --valuse (did you mean --values?)"],
    [["--set-strng", "a=b"], "unknown flag --set-strng (did you mean --set-string?)"],
    [["valuse"], 'unknown command "valuse" (did you mean values?'],
    [["schema", "extra"], "schema takes no argument"],
  ])("%j: exit 2", async (argv, message) => {
    const r = await run(argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toContain(message);
  });

  it("names each flag one way in its messages and help (no camelCase twins)", async () => {
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).not.toMatch(/outputDir|setString|showOnly|noProjectFile/);
    // yargs' camel-case expansion would accept --outputDir as --output-dir, and list both in errors.
    expect((await run(["--outputDir", "x"])).stderr.split("\n")[0]).toBe("error: unknown flag --outputDir (did you mean --output-dir?)");
    expect((await run(["-f"])).stderr.split("\n")[0]).toBe("error: -f needs a value");
  });

  it("--version alone prints the version", async () => {
    expect(await run(["--version"])).toEqual({ status: 0, stdout: "9.9.9\n", stderr: "" });
  });

  it("each command's --help lists only its flags", async () => {
    const values = await run(["values", "--help"]);
    expect(values.stdout).toContain("--json");
    expect(values.stdout).not.toContain("--output-dir");
    const schema = await run(["schema", "--help"]);
    expect(schema.stdout).not.toContain("--values");
  });
});
