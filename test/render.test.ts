import { describe, expect, it } from "vitest";
import { load, loadAll, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { builtinChart, chartFromFiles, mergeValues, render, VmTemplateError } from "../src/index.js";
import { yamlScalar } from "../src/render/yamlScalar.js";
import { lintTemplate } from "../src/render/lintTemplate.js";
import { BASE_SET, baseValues, HOSTILE as hostile } from "./fixtures.js";
import { files as builtinFiles } from "../src/chart/builtin.precompiled.js";

describe("yamlScalar: every string reads back as itself, in YAML 1.2 and YAML 1.1", () => {
  it.each(hostile.map((s) => [JSON.stringify(s), s]))("%s", (_name, s) => {
    const text = `key: ${yamlScalar(s)}\nlist:\n- ${yamlScalar(s)}\n`;
    expect(text.split("\n")).toHaveLength(4);
    for (const schema of [CORE_SCHEMA, YAML11_SCHEMA]) expect(load(text, { schema })).toEqual({ key: s, list: [s] });
  });

  it("keeps what it can plain, so files stay readable", () => {
    expect(["127.0.0.1:9080", "registry.internal/tetrate", "./*", "v3", "/etc/certs"].map(yamlScalar)).toEqual(["127.0.0.1:9080", "registry.internal/tetrate", "./*", "v3", "/etc/certs"]);
    expect(yamlScalar("on")).toBe('"on"');
    expect(yamlScalar("0777")).toBe('"0777"');
  });
});

// Each free-text field on its own, with where it lands in the output (an env file read as KEY=value lines).
const WE = ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa"];
const fields: [path: string, prefix: string, file: string, read: (doc: any) => unknown, set: string[]][] = [
  // Without a workloadEntry (the seed 000 command), certsDir is the directory the proxy's files are mounted from.
  ["global.sidecar.certsDir", "/", "docker-compose.yaml", (d) => d.services["istio-proxy"].volumes[0].source.replace(/\/istio-ca\.pem$/, ""), []],
  ["mesh.values.global.multiCluster.clusterName", "", "sidecar.env", (d) => d.ISTIO_META_CLUSTER_ID, WE],
  ["workloadEntry.network", "", "workloadentry.yaml", (d) => d.spec.network, WE],
  ["workloadEntry.bootstrap.proxyConfigDir", "/", "workloadentry.yaml", (d) => d.metadata.annotations["sidecar-bootstrap.istio.io/proxy-config-dir"], WE],
  ["workloadEntry.bootstrap.proxyConfigDir", "/", "docker-compose.yaml", (d) => d.services["istio-proxy"].volumes[1].source.replace(/\/istio-token$/, ""), WE],
];
const cases = fields.flatMap(([path, prefix, file, read, set]) => hostile.map((s) => [`${path} = ${JSON.stringify(prefix + s)} (${file})`, path, prefix + s, file, read, set] as const));
let rendered = 0;
const envOf = (content: string) => Object.fromEntries(content.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

describe("render: a value reaches the file exactly as typed, or is refused", () => {
  it.each(cases)("%s", (_name, path, typed, file, read, set) => {
    const values = mergeValues({ set: [...BASE_SET, ...set], setLiteral: [`${path}=${typed}`] });
    let files;
    try {
      files = render({ values }).files;
    } catch (e) {
      // Refused: by the schema, at that path, never as a broken file.
      expect(e).toBeInstanceOf(VmTemplateError);
      expect((e as VmTemplateError).code).toBe("SCHEMA");
      expect((e as VmTemplateError).problems.map((p) => p.path)).toEqual([path]);
      return;
    }
    rendered++;
    const content = files.find((f) => f.path === file)!.content;
    if (file.endsWith(".env")) expect(read(envOf(content))).toBe(typed);
    else for (const schema of [CORE_SCHEMA, YAML11_SCHEMA]) expect(read(load(content, { schema }))).toBe(typed);
  });

  it("renders (rather than refuses) most hostile values of the permissive fields", () => {
    expect(rendered).toBeGreaterThan(cases.length / 2);
  });

  it("output does not depend on the key order of the input", () => {
    const v = baseValues();
    const reversed = { global: Object.fromEntries(Object.entries(v.global as object).reverse()) };
    expect(render({ values: reversed }).files).toEqual(render({ values: v }).files);
  });

  it("a section you give is a resource you get", () => {
    const paths = (set: string[]) => render({ values: mergeValues({ set: [...BASE_SET, ...set] }) }).files.map((f) => f.path);
    // The proxy always runs: its compose service and the sidecar.env it reads.
    expect(paths([])).toEqual(["docker-compose.yaml", "sidecar.env"]);
    // With a cluster-side file, a kustomization.yaml listing them, for kubectl apply -k.
    expect(paths(WE)).toEqual(["docker-compose.yaml", "kustomization.yaml", "sidecar.env", "workloadentry.yaml"]);
    expect(paths(["mesh.caCert=-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])).toEqual(["docker-compose.yaml", "istio-ca.pem", "sidecar.env"]);
    expect(paths(["serviceDefinition.hostname=a.example.com", "serviceDefinition.ports[0].number=80", "serviceDefinition.ports[0].name=http", "serviceDefinition.ports[0].protocol=HTTP", "serviceDefinition.ports[0].applicationPort=9080"]))
      .toEqual(["docker-compose.yaml", "kustomization.yaml", "servicedefinition.yaml", "sidecar.env", "sidecar.yaml"]);
    expect(paths(["serviceEntry.hosts={a.example.com}", "serviceEntry.ports[0].number=80", "serviceEntry.ports[0].name=http", "serviceEntry.ports[0].protocol=HTTP"]))
      .toEqual(["docker-compose.yaml", "kustomization.yaml", "serviceentry.yaml", "sidecar.env"]);
    expect(paths(["sidecarResource.ingress[0].port.number=80", "sidecarResource.ingress[0].port.name=http", "sidecarResource.ingress[0].port.protocol=HTTP", "sidecarResource.ingress[0].defaultEndpoint=127.0.0.1:9080", "sidecarResource.egressHosts={a.example.com}"]))
      .toEqual(["docker-compose.yaml", "hosts", "kustomization.yaml", "sidecar.env", "sidecar.yaml"]);
  });

  it("every YAML file is one document with LF endings and one trailing newline", () => {
    for (const f of render({ values: mergeValues({ set: [...BASE_SET, ...WE] }) }).files.filter((f) => f.path.endsWith(".yaml"))) {
      expect(f.content).not.toContain("\r");
      expect(f.content.endsWith("\n") && !f.content.endsWith("\n\n")).toBe(true);
      expect(loadAll(f.content)).toHaveLength(1);
    }
  });
});

describe("templates may print only through the YAML helpers", () => {
  it.each([
    ["{{global.hub}}", /without YAML quoting/],
    ["{{{global.hub}}}", /prints raw text/],
    ["a: {{#if x}}{{x}}{{/if}}", /without YAML quoting/],
  ])("refuses %s", (source, reason) => {
    expect(lintTemplate(source).join("\n")).toMatch(reason);
  });

  it("accepts yaml, toYaml and blocks", () => {
    expect(lintTemplate("a: {{yaml x}}\nb:{{toYaml y 2}}\n{{#each z}}- {{yaml this}}\n{{/each}}")).toEqual([]);
  });

  it("a chart with a raw print fails to render with a RENDER error naming the template", () => {
    const files = { "templates/values.yaml": "{}\n", "schemas/values.schema.json": "{}", "templates/x.yaml.hbs": "a: {{name}}\n" };
    expect(() => render({ values: { name: "x" }, chart: chartFromFiles("t", files) })).toThrow(expect.objectContaining({ code: "RENDER", message: expect.stringContaining("template x.yaml") }));
  });

  it("the built-in chart passes the lint", () => {
    for (const source of Object.values({ ...builtinChart().templates, ...builtinChart().partials })) expect(lintTemplate(source)).toEqual([]);
  });
});

describe("render checks its own output against the chart's output schemas", () => {
  // The built-in chart with one template replaced: how a chart bug would look.
  const chartWith = (templates: Record<string, string>) => {
    const files = { ...builtinFiles };
    for (const [name, source] of Object.entries(templates)) files[`templates/${name}`] = source;
    return { ...chartFromFiles("broken", files), helpers: builtinChart().helpers };
  };
  const values = () => mergeValues({ set: [...BASE_SET, "workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa"] });
  const outputError = (templates: Record<string, string>) => {
    try {
      render({ values: values(), chart: chartWith(templates) });
    } catch (e) {
      return e as VmTemplateError;
    }
    throw new Error("rendered");
  };

  it("a template that emits an unknown field fails with OUTPUT naming the template", () => {
    const broken = builtinFiles["templates/_workloadentry.hbs"]!.replace("{{#if serviceAccount}}", "  adress: {{yaml address}}\n{{#if serviceAccount}}");
    expect(broken).not.toBe(builtinFiles["templates/_workloadentry.hbs"]);
    const e = outputError({ "_workloadentry.hbs": broken });
    expect(e.code).toBe("OUTPUT");
    expect(e.problems).toEqual([{ path: "", message: "template workloadentry.yaml made an invalid workloadentry.yaml: spec must NOT have additional properties (adress)" }]);
  });

  it("a template that emits a wrong type, a kind without a schema or a file of unknown kind fails with OUTPUT", () => {
    expect(outputError({ "sidecar.env.hbs": "" , "workloadentry.yaml.hbs": "{{#if workloadEntry}}\napiVersion: networking.istio.io/v1beta1\nkind: WorkloadEntry\nmetadata:\n  name: x\n  namespace: ns\nspec:\n  address: 7\n  labels: {}\n{{/if}}\n" }).problems[0]!.message)
      .toBe("template workloadentry.yaml made an invalid workloadentry.yaml: spec.address must be string");
    expect(outputError({ "extra.yaml.hbs": "apiVersion: v1\nkind: ConfigMap\n" }).problems[0]!.message).toMatch(/extra.yaml: no output schema covers it \(v1 ConfigMap\)/);
    expect(outputError({ "notes.txt.hbs": "hello\n" }).problems[0]!.message).toMatch(/notes.txt: not a kind of file vm-template generates/);
  });

  it("a template whose literal text YAML 1.1 reads otherwise than YAML 1.2 fails with OUTPUT", () => {
    const source = builtinFiles["templates/_workloadentry.hbs"]!;
    const disagree = "YAML 1.1 and YAML 1.2 readers disagree on it (an unquoted value changes type)";
    // A label value `on` (1.1: true), a key `0777` (1.1: 511), a merge key `<<` (1.1 merges).
    for (const line of ["    flag: on", "    0777: x", "    <<: {}"]) {
      const e = outputError({ "_workloadentry.hbs": source.replace("  labels:{{toYaml labels 4}}", `  labels:{{toYaml labels 4}}\n${line}`) });
      expect(e.problems[0]!.message, line).toBe(`template workloadentry.yaml made an invalid workloadentry.yaml: ${disagree}`);
    }
    // An explicit tag reads the whole document both ways.
    const tagged = outputError({ "_workloadentry.hbs": source.replace("  labels:{{toYaml labels 4}}", "  labels:{{toYaml labels 4}}\n    flag: !!bool yes") });
    expect(tagged.problems[0]!.message).toMatch(/not valid YAML|disagree|must be string|cannot resolve/);
  });

  it("{{#file}} with a list of paths writes the block, rendered once, to each; an empty or mixed list fails with RENDER", () => {
    const shared = chartWith({ "shared.hbs": `{{#file (eachPath "vms/pool-" (list "10.0.0.1" "fd00::1") "/k.yaml")}}apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- a.yaml\n{{/file}}` });
    const files = render({ values: values(), chart: shared }).files.filter((f) => f.path.startsWith("vms/"));
    expect(files.map((f) => f.path)).toEqual(["vms/pool-10-0-0-1/k.yaml", "vms/pool-fd00-1/k.yaml"]);
    expect(files[0]!.content).toBe(files[1]!.content);
    for (const [paths, got] of [["(list)", "an empty list"], ['(list "a.yaml" 1)', "number"]]) {
      expect(() => render({ values: values(), chart: chartWith({ "bad.hbs": `{{#file ${paths}}}a: b\n{{/file}}` }) }), paths).toThrow(`template bad: file: the path must be a string or a non-empty list of strings (got ${got})`);
    }
  });

  it("a file path that leaves the output directory fails with RENDER naming the template", () => {
    for (const path of ["../x.yaml", "/etc/x.yaml", "a/../../x.yaml", ".hidden.yaml", "a//b.yaml"]) {
      expect(() => render({ values: values(), chart: chartWith({ "evil.hbs": `{{#file "${path}"}}a: b\n{{/file}}` }) }), path).toThrow(
        expect.objectContaining({ code: "RENDER", problems: [expect.objectContaining({ message: expect.stringMatching(/^template evil: file .*not a relative path/) })] }),
      );
    }
  });
});
