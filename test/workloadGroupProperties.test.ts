// Property: random WorkloadGroup values render a cluster.env that a POSIX shell sources back to
// exactly the values istioctl's rules give (pkg/util/shellescape quoting, whatever the text), and
// a mesh.yaml that parses, in YAML 1.2 and 1.1, to the same ProxyConfig, with every metadata value
// typed in the mesh config or a proxy.istio.io/config annotation reaching both files as typed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { load, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { render, validateValues, VmTemplateError, type Values } from "../src/index.js";
import { createClusterEnv } from "../src/chart/workloadGroup/clusterEnv.js";
import { createMeshConfig } from "../src/chart/workloadGroup/meshConfig.js";
import { configureFlags, meshInput, workloadGroupInput } from "../src/chart/workloadGroup/fromValues.js";
import { yamlScalar } from "../src/render/yamlScalar.js";
import { shellValueProblem } from "../src/chart/workloadGroup/shellEscape.js";
import { HOSTILE } from "./fixtures.js";

const seed = Number(process.env.FC_SEED ?? 20261121);
const runs = Number(process.env.FC_RUNS ?? 150);

const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/);
/** Any text a shell variable can hold (no NUL), hostile strings often. */
const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme", maxLength: 16 }), fc.string({ unit: "binary", maxLength: 8 })).map((s) => s.replaceAll("\0", ""));
const metadata = fc.dictionary(envName, text, { maxKeys: 4 });

/** A ProxyConfig as annotation text: block YAML with every scalar through yamlScalar, so it reads back as typed. */
const annotationText = (pc: { proxyMetadata: Record<string, string>; statusPort?: number }) =>
  `proxyMetadata:\n${Object.entries(pc.proxyMetadata).map(([k, v]) => `  ${yamlScalar(k)}: ${yamlScalar(v)}\n`).join("") || "  {}\n"}${pc.statusPort ? `statusPort: ${pc.statusPort}\n` : ""}`;
const proxyConfig = fc.record({ proxyMetadata: metadata, statusPort: fc.option(fc.integer({ min: 15000, max: 15100 }), { nil: undefined }) });

const caseArb = fc.record({
  name: label,
  namespace: label,
  serviceAccount: fc.option(label, { nil: undefined }),
  network: fc.option(label, { nil: undefined }),
  ports: fc.dictionary(label, fc.integer({ min: 1, max: 65535 }), { maxKeys: 3 }),
  metadataLabels: fc.dictionary(fc.constantFrom("app", "version", "env", "service.istio.io/canonical-name", "app.kubernetes.io/version"), label, { maxKeys: 3 }),
  templateLabels: fc.dictionary(fc.constantFrom("app", "version", "tier"), label, { maxKeys: 2 }),
  groupAnnotation: fc.option(proxyConfig, { nil: undefined }),
  entryAnnotation: fc.option(proxyConfig, { nil: undefined }),
  otherAnnotations: fc.dictionary(fc.constantFrom("example.com/owner", "note"), text, { maxKeys: 2 }),
  meshMetadata: fc.option(metadata, { nil: undefined }),
  trustDomain: fc.option(label, { nil: undefined }),
  revision: fc.option(fc.oneof(label, fc.constant("default")), { nil: undefined }),
  clusterName: fc.option(label, { nil: undefined }),
  vm: fc.oneof(fc.constant(undefined), fc.record({ internalIP: fc.ipV4() }), // An address ending in "::" makes no WorkloadEntry name (test/workloadGroupChecks.test.ts).
    fc.record({ externalIP: fc.ipV6().filter((ip) => !ip.endsWith(":")) })),
  autoRegister: fc.boolean(),
  captureDNS: fc.boolean(),
  gateway: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant("gateway.example.com")),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function valuesOf(c: Case): Values {
  const annotations = (extra: Record<string, string>, pc: Case["groupAnnotation"]) => ({ ...extra, ...(pc ? { "proxy.istio.io/config": annotationText(pc) } : {}) });
  return {
    global: {
      hub: "registry.internal/istio",
      tcc: { tenant: "t", environment: "e", cluster: "c" },
      vmgateway: { host: c.gateway },
      sidecar: { appNs: "unused", appId: "unused", serviceDefinition: "unused" },
    },
    mesh: {
      meshConfig: { ...(c.meshMetadata ? { defaultConfig: { proxyMetadata: c.meshMetadata } } : {}), ...(c.trustDomain ? { trustDomain: c.trustDomain } : {}) },
      values: { global: { ...(c.revision ? { revision: c.revision } : {}), ...(c.clusterName ? { multiCluster: { clusterName: c.clusterName } } : {}) } },
    },
    workloadGroup: {
      name: c.name,
      namespace: c.namespace,
      annotations: annotations({}, c.groupAnnotation),
      metadata: { labels: c.metadataLabels, annotations: annotations(c.otherAnnotations, c.entryAnnotation) },
      template: { ...(c.serviceAccount ? { serviceAccount: c.serviceAccount } : {}), ...(c.network ? { network: c.network } : {}), ports: c.ports, labels: c.templateLabels },
      ...(c.vm ? { vm: c.vm } : {}),
      autoRegister: c.autoRegister,
      captureDNS: c.captureDNS,
    },
  };
}

/** What a POSIX shell makes of the file: each name's value after `. ./cluster.env`. */
function sourced(dir: string, content: string, names: string[]): Record<string, string> {
  const file = join(dir, "cluster.env");
  writeFileSync(file, content);
  const script = `set -e\n. "$1"\n${names.map((n) => `printf '%s\\0' "$${n}"`).join("\n")}\n`;
  const out = execFileSync("sh", ["-c", script, "sh", file], { encoding: "utf8" });
  const values = out.split("\0").slice(0, -1);
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}

/** Metadata keys istioctl sets itself, over whatever the mesh config and annotations say. */
const ISTIOCTL_KEYS = new Set([
  "CANONICAL_SERVICE", "CANONICAL_REVISION", "POD_NAMESPACE", "SERVICE_ACCOUNT", "TRUST_DOMAIN", "ISTIO_META_CLUSTER_ID", "ISTIO_META_MESH_ID",
  "ISTIO_META_NETWORK", "ISTIO_META_POD_PORTS", "ISTIO_META_WORKLOAD_NAME", "ISTIO_METAJSON_LABELS", "ISTIO_INBOUND_PORTS", "ISTIO_NAMESPACE",
  "ISTIO_SERVICE", "ISTIO_SERVICE_CIDR", "ISTIO_LOCAL_EXCLUDE_PORTS", "CA_ADDR", "ISTIO_SVC_IP", "REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION",
  "ISTIO_META_DNS_CAPTURE", "ISTIO_META_AUTO_REGISTER_GROUP",
]);

describe("WorkloadGroup bundle properties", () => {
  const tally = { cases: 0, rendered: 0 };
  const dir = mkdtempSync(join(tmpdir(), "vm-template-wg-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    console.info(`workloadGroup properties: ${tally.cases} cases, ${tally.rendered} rendered; seed ${seed}`);
  });

  it(`${runs} random WorkloadGroups: cluster.env sources back, mesh.yaml parses back`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        tally.cases++;
        const values = valuesOf(c);
        // Metadata text cluster.env cannot carry (NUL, CR, a blank before a line break) is refused where it was typed.
        const cannot = (m: Record<string, string> | undefined) => Object.values(m ?? {}).some((v) => shellValueProblem(v));
        const refusedAt = [
          ...(cannot(c.meshMetadata) ? ["mesh.meshConfig.defaultConfig"] : []),
          ...(cannot(c.groupAnnotation?.proxyMetadata) ? ['workloadGroup.annotations["proxy.istio.io/config"]'] : []),
          ...(cannot(c.entryAnnotation?.proxyMetadata) ? ['workloadGroup.metadata.annotations["proxy.istio.io/config"]'] : []),
        ];
        let files;
        try {
          files = new Map(render({ values }).files.map((f) => [f.path, f.content]));
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(VmTemplateError);
          const paths = (e as VmTemplateError).problems.map((p) => p.path);
          // The mesh config's metadata may also meet the mesh.* rules (sidecar.env text).
          expect(paths.every((p) => refusedAt.includes(p) || p.startsWith("mesh.meshConfig.defaultConfig")), String(e)).toBe(true);
          expect(refusedAt.every((p) => paths.some((q) => q.startsWith(p))), String(e)).toBe(true);
          return;
        }
        expect(refusedAt).toEqual([]);
        tally.rendered++;
        // istioctl's rules on the effective values (defaults applied), for what the files must hold.
        const effective = validateValues(values).values;
        const wg = effective.workloadGroup as Values;
        const group = workloadGroupInput(wg, c.name, c.namespace);
        const mesh = meshInput(effective.mesh as Values);
        const flags = configureFlags(wg, c.vm);
        const config = createMeshConfig(group, mesh, flags);
        const env = Object.fromEntries(createClusterEnv(group, config, mesh, flags));

        // Every value the user typed that istioctl does not set itself, later sources winning.
        const typed: Record<string, string> = { ...c.meshMetadata, ...c.groupAnnotation?.proxyMetadata, ...c.entryAnnotation?.proxyMetadata };
        for (const k of ISTIOCTL_KEYS) delete typed[k];

        const read = sourced(dir, files.get("cluster.env")!, Object.keys(env));
        expect(read).toEqual(env);
        expect(read).toMatchObject(typed);
        expect(read.SERVICE_ACCOUNT).toBe(c.serviceAccount ?? "default");
        expect(read.ISTIO_SERVICE).toBe(`${c.name}.${c.namespace}`);
        if (c.vm) expect(read.ISTIO_SVC_IP).toBe(c.vm.internalIP ?? c.vm.externalIP);
        expect(JSON.parse(read.ISTIO_METAJSON_LABELS!)).toMatchObject({ ...c.metadataLabels, ...c.templateLabels });

        const text = files.get("mesh.yaml")!;
        const parsed = load(text, { schema: CORE_SCHEMA }) as { defaultConfig: Record<string, unknown> };
        expect(load(text, { schema: YAML11_SCHEMA })).toEqual(parsed);
        expect(parsed.defaultConfig).toEqual(config);
        expect(parsed.defaultConfig.proxyMetadata).toMatchObject(typed);
        const statusPort = c.entryAnnotation?.statusPort ?? c.groupAnnotation?.statusPort;
        if (statusPort) expect(parsed.defaultConfig.statusPort).toBe(statusPort);
      }),
      { seed, numRuns: runs },
    );
    expect(tally.rendered).toBeGreaterThan(tally.cases / 2);
  }, 120_000);
});
