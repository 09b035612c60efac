import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { load, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { builtinChart, render, VmTemplateError, type RenderedFile, type Values } from "../src/index.js";
import { sortSets } from "../src/schema/sortSets.js";
import { slug } from "../src/render/helpers/slug.js";
import { yamlScalar } from "../src/render/yamlScalar.js";
import { fleetValues, LOOKALIKES, singleVmValues, type Generated } from "./valuesArbitrary.js";

/*
 * Property: for generated values across the whole schema, with hostile strings in every string
 * field, render() either refuses with SCHEMA naming exactly the paths whose value the field's rule
 * refuses, or returns files in which every typed value reads back, in YAML 1.2 and YAML 1.1, as
 * exactly what was typed, at the place it belongs. A sample of the rendered files is then checked
 * by the reference validators (Istio's CRD schemas, the Compose schema, docker-compose itself).
 *
 * The seed is fixed so that CI is repeatable; FC_SEED=<n> runs another sample, FC_RUNS=<n> more.
 */
const seed = Number(process.env.FC_SEED ?? 20261121);

// istiod's admission rules (../shared/reference/istio-webhook.mjs, a port of pkg/config/validation),
// applied to every Istio document rendered; skipped where ../shared is not beside the repository.
type ValidateIstio = (doc: unknown) => { errors: string[]; warnings: string[] } | null;
const webhook = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "reference", "istio-webhook.mjs");
const validateIstio: ValidateIstio | undefined = existsSync(webhook) ? ((await import(pathToFileURL(webhook).href)) as { validateIstio: ValidateIstio }).validateIstio : undefined;
const runs = Number(process.env.FC_RUNS ?? 2500);
// Per case, how many in 100 draws of a string field are hostile: from most cases rendering to most refused.
const rates = fc.constantFrom(0, 0, 1, 5);

type Doc = any;
interface Output {
  yaml(path: string): Doc;
  env(path: string): Record<string, string>;
  lines(path: string): string[];
  has(path: string): boolean;
  paths: string[];
}

function readOutput(files: RenderedFile[]): Output {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const content = (path: string) => {
    const c = byPath.get(path);
    if (c === undefined) throw new Error(`${path} was not rendered (rendered: ${[...byPath.keys()].join(", ")})`);
    return c;
  };
  const parsed = new Map<string, Doc>();
  const lines = (path: string) => content(path).split("\n").filter((l) => l !== "" && !l.startsWith("#"));
  return {
    yaml(path) {
      if (!parsed.has(path)) {
        const doc = load(content(path), { schema: CORE_SCHEMA });
        // kubectl reads YAML 1.1: both readings must agree.
        expect(load(content(path), { schema: YAML11_SCHEMA }), path).toEqual(doc);
        parsed.set(path, doc);
      }
      return parsed.get(path);
    },
    env: (path) => Object.fromEntries(lines(path).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])),
    lines,
    has: (path) => byPath.has(path),
    paths: [...byPath.keys()],
  };
}

/** Where a typed value lands; null for a value that is accepted but that no file carries by design. */
type Locate = (o: Output, v: Doc, m: RegExpExecArray) => unknown[] | null;
/** global.tcc.*: the seed's command sets them, but no upstream component reads them (SPEC section 2). */
const UNUSED = () => null;

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const portKey = /^(number|name|protocol)$/;

// Single VM: where each typed value lands.
const CO = "docker-compose.yaml", SD = "servicedefinition.yaml", SC = "sidecar.yaml", SE = "serviceentry.yaml", WE = "workloadentry.yaml", ENV = "sidecar.env";
const proxy = (o: Output) => Object.values(o.yaml(CO).services)[0] as Doc;
const images = (o: Output) => [proxy(o).image as string];
const proxyConfig = (env: Record<string, string>) => JSON.parse(env.PROXY_CONFIG!);
const jsonLabels = (env: Record<string, string>) => JSON.parse(env.ISTIO_METAJSON_LABELS!);
const isIp = (s: string) => /^[0-9.]+$/.test(s) || s.includes(":");
/** global.vmgateway.host: an IP maps the control plane's names to it (extra_hosts), a DNS name replaces their addresses. */
const gatewayIn = (c: Doc, env: Record<string, string>, gateway: string) =>
  isIp(gateway) ? (c.extra_hosts as string[]).map((h) => h.slice(h.indexOf(":") + 1)) : [proxyConfig(env).discoveryAddress.replace(/:15012$/, "")];
const hasSidecar = (v: Doc) => v.sidecarResource !== undefined || v.serviceDefinition !== undefined;
/** Where a global.sidecar value stands in for a section's own missing one. */
const defaulted = (o: Output, v: Doc, key: string, files: [section: string, file: string][]) =>
  files.filter(([section]) => (section === "sidecarResource" ? hasSidecar(v) : v[section] !== undefined) && v[section]?.[key] === undefined).map(([, file]) => o.yaml(file).metadata[key]);

const singleVm: [RegExp, Locate][] = [
  [/^global\.hub$/, (o) => images(o).map((i) => i.slice(0, i.lastIndexOf("/")))],
  [/^global\.tag$/, (o) => images(o).map((i) => i.slice(i.lastIndexOf(":") + 1))],
  [/^global\.tcc\.(tenant|environment|cluster)$/, UNUSED],
  [/^global\.vmgateway\.host$/, (o, v) => gatewayIn(proxy(o), o.env(ENV), v.global.vmgateway.host)],
  // Without a workloadEntry, certsDir is where the proxy's files are mounted from; with one, proxy-config-dir is.
  [/^global\.sidecar\.certsDir$/, (o, v) => (v.workloadEntry ? null : [proxy(o).volumes[0].source.replace(/\/istio-ca\.pem$/, "")])],
  // Every section may name its own namespace, and then appNs is read by none.
  [/^global\.sidecar\.appNs$/, (o, v) => {
    const found = [
      ...defaulted(o, v, "namespace", [["serviceDefinition", SD], ["serviceEntry", SE], ["workloadEntry", WE], ["sidecarResource", SC]]),
      ...(!v.workloadEntry?.namespace ? [o.env(ENV).POD_NAMESPACE] : []),
    ];
    return found.length ? found : null;
  }],
  [/^global\.sidecar\.appId$/, (o, v) => [
    o.env(ENV).ISTIO_META_WORKLOAD_NAME,
    jsonLabels(o.env(ENV)).app,
    ...(hasSidecar(v) ? [o.yaml(SC).spec.workloadSelector.labels.app] : []),
    ...(v.serviceEntry ? [o.yaml(SE).spec.workloadSelector.labels.app] : []),
    ...defaulted(o, v, "name", [["serviceEntry", SE]]),
    ...(v.workloadEntry ? [o.yaml(WE).spec.labels.app] : []),
  ]],
  // The ServiceDefinition's name, when it has none of its own.
  [/^global\.sidecar\.serviceDefinition$/, (o, v) => (v.serviceDefinition && !v.serviceDefinition.name ? defaulted(o, v, "name", [["serviceDefinition", SD]]) : null)],
  [/^serviceDefinition\.(name|namespace)$/, (o, _v, m) => [o.yaml(SD).metadata[m[1]!]]],
  [/^serviceDefinition\.hostname$/, (o, v) => [o.yaml(SD).spec.hostname, ...(v.serviceEntry && !v.serviceEntry.hosts ? [o.yaml(SE).spec.hosts[0]] : [])]],
  [/^serviceDefinition\.ports\[(\d+)\]\.(\w+)$/, (o, v, m) => {
    const [i, key] = [Number(m[1]), m[2]!];
    const derived = !v.sidecarResource?.ingress ? o.yaml(SC).spec.ingress[i] : undefined;
    return [
      o.yaml(SD).spec.ports[i][key],
      ...(derived && portKey.test(key) ? [derived.port[key]] : []),
      ...(derived && key === "applicationPort" ? [Number(derived.defaultEndpoint.replace(/^127\.0\.0\.1:/, ""))] : []),
      ...(v.serviceEntry && !v.serviceEntry.ports && portKey.test(key) ? [o.yaml(SE).spec.ports[i][key]] : []),
    ];
  }],
  [/^serviceDefinition\.(sidecarsPresent)$/, (o, _v, m) => [o.yaml(SD).spec[m[1]!]]],
  [/^serviceDefinition\.(usingIptablesCapture|egressHttpProxyPort)$/, (o, _v, m) => [o.yaml(SD).spec.sidecarSettings[m[1]!]]],
  [/^serviceDefinition\.endpoints\[(\d+)\]$/, (o, _v, m) => [o.yaml(SD).spec.endpointSource.manual.values[Number(m[1])].address]],
  [/^serviceEntry\.(name|namespace)$/, (o, _v, m) => [o.yaml(SE).metadata[m[1]!]]],
  [/^serviceEntry\.hosts\[(\d+)\]$/, (o, _v, m) => [o.yaml(SE).spec.hosts[Number(m[1])]]],
  [/^serviceEntry\.ports\[(\d+)\]\.(\w+)$/, (o, _v, m) => [o.yaml(SE).spec.ports[Number(m[1])][m[2]!]]],
  [/^workloadEntry\.name$/, (o) => [o.yaml(WE).metadata.name, o.env(ENV).POD_NAME]],
  [/^workloadEntry\.namespace$/, (o) => [o.yaml(WE).metadata.namespace, o.env(ENV).POD_NAMESPACE]],
  [/^workloadEntry\.address$/, (o) => [o.yaml(WE).spec.address, o.env(ENV).IDENTITY_IP, o.env(ENV).HOST_IP]],
  [/^workloadEntry\.network$/, (o) => [o.yaml(WE).spec.network, o.env(ENV).ISTIO_META_NETWORK]],
  [/^workloadEntry\.serviceAccount$/, (o) => [o.yaml(WE).spec.serviceAccount, o.env(ENV).SERVICE_ACCOUNT]],
  [/^workloadEntry\.labels\.(.+)$/, (o, _v, m) => [o.yaml(WE).spec.labels[m[1]!], jsonLabels(o.env(ENV))[m[1]!]]],
  [/^workloadEntry\.bootstrap\.(\w+)$/, (o, _v, m) => [
    // Annotation values are strings: sshPort 22 is "22".
    m[1] === "sshPort" ? Number(o.yaml(WE).metadata.annotations["sidecar-bootstrap.istio.io/ssh-port"]) : o.yaml(WE).metadata.annotations[`sidecar-bootstrap.istio.io/${kebab(m[1]!)}`],
    ...(m[1] === "proxyInstanceIp" ? [o.env(ENV).INSTANCE_IP] : []),
    ...(m[1] === "proxyConfigDir" ? [proxy(o).volumes[0].source.replace(/\/istio-ca\.pem$/, "")] : []),
  ]],
  [/^sidecarResource\.(name|namespace)$/, (o, _v, m) => [o.yaml(SC).metadata[m[1]!]]],
  [/^sidecarResource\.(ingress|egress)\[(\d+)\]\.port\.(\w+)$/, (o, _v, m) => [o.yaml(SC).spec[m[1]!][Number(m[2])].port[m[3]!]]],
  [/^sidecarResource\.(ingress|egress)\[(\d+)\]\.(defaultEndpoint|bind|captureMode)$/, (o, v, m) => [
    o.yaml(SC).spec[m[1]!][Number(m[2])][m[3]!],
    // The hosts lines point at the first egress listener's bind.
    ...(m[1] === "egress" && m[2] === "0" && m[3] === "bind" && v.sidecarResource.egressHosts ? o.lines("hosts").map((l) => l.split(" ")[0]) : []),
  ]],
  [/^sidecarResource\.egress\[(\d+)\]\.hosts\[(\d+)\]$/, (o, _v, m) => [o.yaml(SC).spec.egress[Number(m[1])].hosts[Number(m[2])]]],
  [/^sidecarResource\.egressHosts\[(\d+)\]$/, (o, _v, m) => [o.lines("hosts")[Number(m[1])]!.split(" ")[1]]],
];

// Fleet: services/<svc>/… and vms/<group>-<slug(address)>/….
const vmDirs = (v: Doc, service?: string) =>
  Object.entries(v.vms as Record<string, { addresses: string[]; services: string[] }>)
    .filter(([, g]) => service === undefined || g.services.includes(service))
    .flatMap(([name, g]) => g.addresses.map((a) => `vms/${name}-${slug(a)}/`));
const groupDirs = (v: Doc, group: string) => (v.vms[group].addresses as string[]).map((a) => `vms/${group}-${slug(a)}/`);
const inGroup = (v: Doc, group: string, each: (dir: string, service: string) => unknown) =>
  groupDirs(v, group).flatMap((dir) => (v.vms[group].services as string[]).map((s) => each(dir, s)));
const composeOf = (o: Output, dir: string) => Object.values(o.yaml(`${dir}docker-compose.yaml`).services) as Doc[];
const proxyOf = (o: Output, dir: string, s: string) => o.yaml(`${dir}docker-compose.yaml`).services[`istio-proxy-${s}`] as Doc;
const svcFile = (s: string, f: string) => `services/${s}/${f}`;
const weOf = (o: Output, dir: string, s: string) => o.yaml(`${dir}workloadentry-${s}.yaml`);
const envOf = (o: Output, dir: string, s: string) => o.env(`${dir}${s}/sidecar.env`);
/** A service's SD endpoints: every address of every group (in key order) that runs it. */
const endpointsOf = (v: Doc, s: string) => Object.keys(v.vms).sort().flatMap((g) => (v.vms[g].services.includes(s) ? v.vms[g].addresses : []));

const fleet: [RegExp, Locate][] = [
  [/^global\.hub$/, (o, v) => vmDirs(v).flatMap((d) => composeOf(o, d).map((c) => c.image.slice(0, c.image.lastIndexOf("/"))))],
  [/^global\.tag$/, (o, v) => vmDirs(v).flatMap((d) => composeOf(o, d).map((c) => c.image.slice(c.image.lastIndexOf(":") + 1)))],
  [/^global\.tcc\.(tenant|environment|cluster)$/, UNUSED],
  [/^global\.vmgateway\.host$/, (o, v) => Object.entries(v.vms as Record<string, Doc>).flatMap(([g, group]) => inGroup(v, g, (d, s) => gatewayIn(proxyOf(o, d, s), envOf(o, d, s), v.global.vmgateway.host)).flat())],
  // A fleet's proxies always have a WorkloadEntry, so their files are in proxy-config-dir.
  [/^global\.sidecar\.certsDir$/, UNUSED],
  [/^services\.([^.]+)\.namespace$/, (o, v, m) => {
    const s = m[1]!;
    return [
      ...["servicedefinition.yaml", "serviceentry.yaml", "sidecar.yaml"].map((f) => o.yaml(svcFile(s, f)).metadata.namespace),
      ...vmDirs(v, s).flatMap((d) => [weOf(o, d, s).metadata.namespace, envOf(o, d, s).POD_NAMESPACE]),
    ];
  }],
  [/^services\.([^.]+)\.serviceDefinition$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SD)).metadata.name]],
  [/^services\.([^.]+)\.hostname$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SD)).spec.hostname, o.yaml(svcFile(m[1]!, SE)).spec.hosts[0]]],
  [/^services\.([^.]+)\.ports\[(\d+)\]\.(\w+)$/, (o, _v, m) => {
    const [s, i, key] = [m[1]!, Number(m[2]), m[3]!];
    const ingress = o.yaml(svcFile(s, SC)).spec.ingress[i];
    return [
      o.yaml(svcFile(s, SD)).spec.ports[i][key],
      ...(portKey.test(key) ? [ingress.port[key], o.yaml(svcFile(s, SE)).spec.ports[i][key]] : [Number(ingress.defaultEndpoint.replace(/^127\.0\.0\.1:/, ""))]),
    ];
  }],
  [/^services\.([^.]+)\.(sidecarsPresent)$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SD)).spec[m[2]!]]],
  [/^services\.([^.]+)\.(usingIptablesCapture|egressHttpProxyPort)$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SD)).spec.sidecarSettings[m[2]!]]],
  [/^services\.([^.]+)\.serviceAccount$/, (o, v, m) => vmDirs(v, m[1]).flatMap((d) => [weOf(o, d, m[1]!).spec.serviceAccount, envOf(o, d, m[1]!).SERVICE_ACCOUNT])],
  [/^services\.([^.]+)\.labels\.(.+)$/, (o, v, m) => vmDirs(v, m[1]).flatMap((d) => [weOf(o, d, m[1]!).spec.labels[m[2]!], jsonLabels(envOf(o, d, m[1]!))[m[2]!]])],
  [/^services\.([^.]+)\.egress\[(\d+)\]\.port\.(\w+)$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SC)).spec.egress[Number(m[2])].port[m[3]!]]],
  [/^services\.([^.]+)\.egress\[(\d+)\]\.(bind|captureMode)$/, (o, v, m) => [
    o.yaml(svcFile(m[1]!, SC)).spec.egress[Number(m[2])][m[3]!],
    ...(m[2] === "0" && m[3] === "bind" && v.services[m[1]!].egressHosts ? vmDirs(v, m[1]).flatMap((d) => o.lines(`${d}hosts`).map((l) => l.split(" ")[0])) : []),
  ]],
  [/^services\.([^.]+)\.egress\[(\d+)\]\.hosts\[(\d+)\]$/, (o, _v, m) => [o.yaml(svcFile(m[1]!, SC)).spec.egress[Number(m[2])].hosts[Number(m[3])]]],
  // Only one service of a generated fleet has egressHosts, so its lines are a VM's hosts file.
  [/^services\.([^.]+)\.egressHosts\[(\d+)\]$/, (o, v, m) => vmDirs(v, m[1]).map((d) => o.lines(`${d}hosts`)[Number(m[2])]!.split(" ")[1])],
  [/^services\.([^.]+)\.proxy\.(adminPort|statusPort)$/, (o, v, m) => vmDirs(v, m[1]).map((d) => proxyConfig(envOf(o, d, m[1]!))[m[2] === "adminPort" ? "proxyAdminPort" : "statusPort"])],
  [/^services\.([^.]+)\.proxy\.(envoyStatusPort|envoyPrometheusPort)$/, (o, v, m) => vmDirs(v, m[1]).map((d) => Number(envOf(o, d, m[1]!)[m[2] === "envoyStatusPort" ? "ENVOY_STATUS_PORT" : "ENVOY_PROMETHEUS_PORT"]))],
  [/^vms\.([^.]+)\.addresses\[(\d+)\]$/, (o, v, m) => {
    const [g, i] = [m[1]!, Number(m[2])];
    const dir = groupDirs(v, g)[i]!;
    const address = v.vms[g].addresses[i];
    return v.vms[g].services.flatMap((s: string) => [weOf(o, dir, s).spec.address, envOf(o, dir, s).IDENTITY_IP, o.yaml(svcFile(s, SD)).spec.endpointSource.manual.values[endpointsOf(v, s).indexOf(address)].address]);
  }],
  [/^vms\.([^.]+)\.services\[(\d+)\]$/, (o, v, m) => groupDirs(v, m[1]!).flatMap((d) => {
    const s = v.vms[m[1]!].services[Number(m[2])];
    return [weOf(o, d, s).spec.labels.app, envOf(o, d, s).ISTIO_META_WORKLOAD_NAME];
  })],
  [/^vms\.([^.]+)\.network$/, (o, v, m) => inGroup(v, m[1]!, (d, s) => [weOf(o, d, s).spec.network, envOf(o, d, s).ISTIO_META_NETWORK]).flat()],
  // Each service's proxy has a folder of the group's proxyConfigDir (and a container named after it).
  [/^vms\.([^.]+)\.bootstrap\.(\w+)$/, (o, v, m) => inGroup(v, m[1]!, (d, s) => {
    const value = weOf(o, d, s).metadata.annotations[`sidecar-bootstrap.istio.io/${kebab(m[2]!)}`];
    return m[2] === "proxyConfigDir" ? value.slice(0, -(s.length + 1)) : m[2] === "sshPort" ? Number(value) : value;
  })],
];

const tally = { cases: 0, rendered: 0, refused: 0, files: 0 };
const samples: RenderedFile[][] = [];

/** `a.b[i]` of a list of scalars: the same item's index in the sorted values. */
function sortedIndex(path: string, typed: Values, sorted: Values): string {
  const m = /^([A-Za-z0-9_.\-[\]]+)\[(\d+)\]$/.exec(path);
  if (!m) return path;
  const at = (v: unknown) => m[1]!.split(/\.|(?=\[)/).reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k.startsWith("[") ? Number(k.slice(1, -1)) : k], v);
  const before = at(typed);
  const after = at(sorted);
  if (!Array.isArray(before) || !Array.isArray(after) || before.some((x) => typeof x === "object")) return path;
  return `${m[1]}[${after.indexOf(before[Number(m[2])])}]`;
}

function check(g: Generated, where: [RegExp, Locate][]): void {
  tally.cases++;
  let files: RenderedFile[];
  try {
    files = render({ values: g.values }).files;
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(VmTemplateError);
    const error = e as VmTemplateError;
    expect(error.code, error.message).toBe("SCHEMA");
    // Exactly the fields whose own rule refuses the value; a valid neighbour is never blamed.
    expect([...new Set(error.problems.map((p) => p.path))].sort(), error.message).toEqual([...new Set(g.refused)].sort());
    tally.refused++;
    return;
  }
  expect(g.refused, "rendered although these values break their field's rule").toEqual([]);
  tally.rendered++;
  tally.files += files.length;
  if (tally.rendered % 10 === 1) samples.push(files);
  const o = readOutput(files);
  for (const path of o.paths) {
    if (!/\.yaml$/.test(path)) continue;
    const verdict = validateIstio?.(o.yaml(path));
    if (verdict) expect(verdict.errors, `istiod refuses ${path}`).toEqual([]);
  }
  // Sets (uniqueItems lists) are rendered sorted: each of their items is looked for at its sorted place.
  const sorted = sortSets(structuredClone(g.values), builtinChart().schema);
  for (const leaf of g.leaves) {
    const path = sortedIndex(leaf.path, g.values, sorted);
    const entry = where.find(([re]) => re.test(path));
    expect(entry, `no output location known for ${leaf.path}`).toBeDefined();
    const found = entry![1](o, sorted, entry![0].exec(path)!);
    if (found === null) continue;
    expect(found.length, `${leaf.path} reaches no file`).toBeGreaterThan(0);
    for (const value of found) expect(value, `${leaf.path} = ${JSON.stringify(leaf.value)}`).toStrictEqual(leaf.value);
  }
}

describe("properties: yamlScalar", () => {
  // yamlScalar decides "plain or quoted" with js-yaml's scalar resolver, not a full parse per
  // value; this holds it to what a full parse of the line reads, in both YAML versions.
  const plainish = fc.stringMatching(/^[A-Za-z0-9_./@+:*~ -]{0,12}$/);
  it("any string, as a mapping value and a list item, reads back as itself in YAML 1.2 and 1.1", () => {
    fc.assert(
      fc.property(fc.oneof(plainish, fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom(...LOOKALIKES)), (s) => {
        const text = `key: ${yamlScalar(s)}\nlist:\n- ${yamlScalar(s)}\n`;
        for (const schema of [CORE_SCHEMA, YAML11_SCHEMA]) expect(load(text, { schema })).toEqual({ key: s, list: [s] });
      }),
      { seed, numRuns: runs * 4 },
    );
  });
});

describe("properties: every typed value reads back exactly, or the schema refuses it at its path", () => {
  it(`single VM: ${runs} generated values sets`, () => {
    fc.assert(fc.property(rates.chain(singleVmValues), (g) => check(g, singleVm)), { seed, numRuns: runs });
  }, 120_000);

  it(`fleet: ${Math.round(runs / 5)} generated fleets`, () => {
    fc.assert(fc.property(rates.chain(fleetValues), (g) => check(g, fleet)), { seed, numRuns: Math.round(runs / 5) });
  }, 120_000);

  it("both outcomes were exercised: many cases render, many are refused", () => {
    expect(tally.rendered).toBeGreaterThan(tally.cases / 3);
    expect(tally.refused).toBeGreaterThan(tally.cases / 10);
  });

  const reference = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "reference");
  it.skipIf(!existsSync(join(reference, "validate-k8s.mjs")))("a sample of the rendered files passes Istio's CRD schemas, the Compose schema and docker-compose", () => {
    expect(samples.length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(tmpdir(), "vm-template-properties-"));
    try {
      const written: string[] = [];
      samples.forEach((files, i) => {
        for (const f of files) {
          // Every file, so that docker-compose finds the env_file each compose file names.
          const target = join(dir, String(i), f.path);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, f.content);
          if (f.path.endsWith(".yaml") && !f.path.endsWith("kustomization.yaml")) written.push(target);
        }
      });
      const root = join(dirname(fileURLToPath(import.meta.url)), "..");
      const result = spawnSync(process.execPath, [join(reference, "validate-k8s.mjs"), "-q", ...written], { cwd: root, encoding: "utf8" });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const composeFiles = written.filter((p) => p.endsWith("docker-compose.yaml")).slice(0, 8);
      if (spawnSync("docker-compose", ["version"]).status === 0) {
        for (const file of composeFiles) execFileSync("docker-compose", ["-f", file, "config", "-q"], { stdio: "pipe", cwd: dirname(file) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  afterAll(() => {
    console.info(`properties: ${tally.cases} generated cases, ${tally.rendered} rendered (${tally.files} files read back), ${tally.refused} refused with SCHEMA; seed ${seed}`);
  });
});
