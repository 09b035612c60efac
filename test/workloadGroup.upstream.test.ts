// istioctl's goldens for `istioctl x workload entry configure` (istio/istio 86c9f01fd73,
// istioctl/pkg/workload/testdata/vmconfig/{ipv4,ipv6} and vmconfig-nil-proxy-metadata, with the
// flags of TestWorkloadEntryConfigure and TestWorkloadEntryConfigureNilProxyMetadata in
// workload_test.go), copied under test/upstream/workload/. Each case is rendered from values that
// say what the test's flags and fake cluster say. cluster.env and hosts must be the golden byte
// for byte after vm-template's one generated-file header line; mesh.yaml must parse to the
// golden's YAML (istioctl writes it with go-yaml's quoting and key order).
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { render, type Values } from "../src/index.js";
import { GENERATED_HEADER } from "../src/render/generatedHeader.js";

const dir = new URL("./upstream/workload/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir), "utf8");

/**
 * The goldens' cases: the ConfigMap `istio`'s mesh text the fake cluster holds, --revision,
 * --internalIP and --ingressIP (none in the nil-proxy-metadata case: istioctl then finds no
 * gateway IP and writes an empty hosts; a gateway known by DNS name does the same here).
 * --clusterID is Kubernetes in every case, vm-template's default.
 */
const CASES = [
  { dir: "vmconfig/ipv4/", mesh: () => read("vmconfig/ipv4/meshconfig.yaml"), revision: "rev-1", internalIP: "10.10.10.10", ingress: "10.10.10.11" },
  { dir: "vmconfig/ipv6/", mesh: () => read("vmconfig/ipv6/meshconfig.yaml"), revision: "rev-1", internalIP: "fd00:10:96::1", ingress: "fd00:10:96::2" },
  { dir: "vmconfig-nil-proxy-metadata/", mesh: () => "defaultConfig: {}", revision: undefined, internalIP: "10.10.10.10", ingress: "istio-eastwestgateway.example.com" },
];

/** The golden's workloadgroup.yaml as workloadGroup values. */
function workloadGroupValues(text: string): Values {
  const wg = load(text) as { metadata: { name: string; namespace: string; annotations?: Record<string, string> }; spec: Values };
  return { name: wg.metadata.name, namespace: wg.metadata.namespace, annotations: wg.metadata.annotations, ...wg.spec };
}

function renderCase(c: (typeof CASES)[number]): Map<string, string> {
  const values: Values = {
    global: {
      hub: "registry.internal/istio",
      tcc: { tenant: "t", environment: "e", cluster: "c" },
      vmgateway: { host: c.ingress },
      sidecar: { appNs: "unused", appId: "unused", serviceDefinition: "unused" },
    },
    mesh: { meshConfig: load(c.mesh()) as Values, ...(c.revision ? { values: { global: { revision: c.revision } } } : {}) },
    workloadGroup: { ...workloadGroupValues(read(`${c.dir}workloadgroup.yaml`)), vm: { internalIP: c.internalIP } },
  };
  return new Map(render({ values }).files.map((f) => [f.path, f.content]));
}

/** A generated file without its first line, which must be the generated-file header. */
function withoutHeader(content: string | undefined): string {
  const [first, ...rest] = (content ?? `${GENERATED_HEADER}\n`).split("\n");
  expect(first).toBe(GENERATED_HEADER);
  return rest.join("\n");
}

describe.each(CASES)("istioctl's golden $dir", (c) => {
  it("cluster.env, byte for byte after the header", () => {
    expect(withoutHeader(renderCase(c).get("cluster.env"))).toBe(read(`${c.dir}cluster.env.golden`));
  });

  it("hosts, byte for byte after the header (an empty golden: no file)", () => {
    const golden = read(`${c.dir}hosts.golden`);
    const hosts = renderCase(c).get("hosts");
    if (golden === "") expect(hosts).toBeUndefined();
    else expect(withoutHeader(hosts)).toBe(golden);
  });

  it("mesh.yaml, as parsed YAML", () => {
    expect(load(renderCase(c).get("mesh.yaml")!)).toEqual(load(read(`${c.dir}mesh.yaml.golden`)));
  });
});
