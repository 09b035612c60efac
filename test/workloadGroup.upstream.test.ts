// istioctl's goldens for `istioctl x workload entry configure` (istio/istio 86c9f01fd73,
// istioctl/pkg/workload/testdata/vmconfig/{ipv4,ipv6} and vmconfig-nil-proxy-metadata, with the
// flags of TestWorkloadEntryConfigure and TestWorkloadEntryConfigureNilProxyMetadata in
// workload_test.go), copied under test/upstream/workload/. cluster.env and hosts must match byte
// for byte, mesh.yaml as parsed YAML (istioctl writes it with go-yaml's quoting and key order).
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { workloadGroupBundle } from "../src/chart/workloadGroup/bundle.js";
import { shellQuote } from "../src/chart/workloadGroup/shellEscape.js";
import type { WorkloadGroupInput } from "../src/chart/workloadGroup/types.js";

const dir = new URL("./upstream/workload/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir), "utf8");

/** The goldens' cases: the test directory, the mesh config the fake cluster holds, and the flags. */
const CASES = [
  { dir: "vmconfig/ipv4/", mesh: () => read("vmconfig/ipv4/meshconfig.yaml"), revision: "rev-1", internalIP: "10.10.10.10", ingressIP: "10.10.10.11" },
  { dir: "vmconfig/ipv6/", mesh: () => read("vmconfig/ipv6/meshconfig.yaml"), revision: "rev-1", internalIP: "fd00:10:96::1", ingressIP: "fd00:10:96::2" },
  { dir: "vmconfig-nil-proxy-metadata/", mesh: () => "defaultConfig: {}", revision: "", internalIP: "10.10.10.10", ingressIP: "" },
];

/** readWorkloadGroup: the file, empty metadata and template filled in, serviceAccount "default" when empty. */
function readWorkloadGroup(text: string): WorkloadGroupInput {
  const wg = load(text) as { metadata: { name: string; namespace: string; annotations?: Record<string, string> }; spec: Record<string, any> };
  return {
    name: wg.metadata.name,
    namespace: wg.metadata.namespace,
    annotations: wg.metadata.annotations ?? {},
    metadata: { labels: wg.spec.metadata?.labels ?? {}, annotations: wg.spec.metadata?.annotations ?? {} },
    template: { ports: {}, labels: {}, ...wg.spec.template, serviceAccount: wg.spec.template?.serviceAccount || "default" },
    probe: wg.spec.probe,
  };
}

describe.each(CASES)("istioctl's golden $dir", (c) => {
  const bundle = () =>
    workloadGroupBundle(
      readWorkloadGroup(read(`${c.dir}workloadgroup.yaml`)),
      { meshConfig: load(c.mesh()) as Record<string, unknown>, systemNamespace: "istio-system", revision: c.revision, clusterID: "Kubernetes" },
      { autoRegister: false, captureDNS: true, internalIP: c.internalIP },
      c.ingressIP,
      (s) => isIP(s) !== 0,
    );

  it("cluster.env, byte for byte", () => {
    const text = bundle().clusterEnv.map(([k, v]) => `${k}=${shellQuote(v)}\n`).join("");
    expect(text).toBe(read(`${c.dir}cluster.env.golden`));
  });

  it("hosts, byte for byte", () => {
    expect(bundle().hosts.map(([ip, host]) => `${ip} ${host}\n`).join("")).toBe(read(`${c.dir}hosts.golden`));
  });

  it("mesh.yaml, as parsed YAML", () => {
    expect(bundle().mesh).toEqual(load(read(`${c.dir}mesh.yaml.golden`)));
  });
});
