// What a workloadGroup refuses, each at its value path: istioctl's and istiod's refusals
// (istioctl/pkg/workload/workload.go, pkg/config/validation validateReadinessProbe,
// pilot/pkg/autoregistration/controller.go) and the files cluster.env cannot carry.
import { describe, expect, it } from "vitest";
import { render, VmTemplateError, type Values } from "../src/index.js";

const base = (): Values => ({
  global: { vmgateway: { host: "10.0.0.1" } },
  workloadGroup: { name: "ratings", namespace: "bookinfo", template: { serviceAccount: "ratings" }, vm: { internalIP: "10.0.0.7" } },
});

function problems(change: (v: Values & { workloadGroup: Values & Record<string, any> }) => void): { path: string; message: string }[] {
  const values = base() as Values & { workloadGroup: Values & Record<string, any> };
  change(values);
  try {
    render({ values });
  } catch (e) {
    expect(e).toBeInstanceOf(VmTemplateError);
    expect((e as VmTemplateError).code).toBe("SCHEMA");
    return (e as VmTemplateError).problems;
  }
  return [];
}

const PC = '["proxy.istio.io/config"]';

describe("workloadGroup refusals", () => {
  it.each<[string, (v: any) => void, string, RegExp]>([
    ["both IPs (istioctl: mutually exclusive flags)", (v) => (v.workloadGroup.vm.externalIP = "203.0.113.1"), "workloadGroup.vm.externalIP", /not both/],
    ["two probe methods (istiod)", (v) => (v.workloadGroup.probe = { httpGet: { port: 80 }, tcpSocket: { port: 80 } }), "workloadGroup.probe", /exactly one/],
    ["a probe without a method (istiod)", (v) => (v.workloadGroup.probe = { periodSeconds: 5 }), "workloadGroup.probe", /exactly one/],
    ["a grpc probe (istiod refuses it for a WorkloadGroup)", (v) => (v.workloadGroup.probe = { grpc: { port: 80 } }), "workloadGroup.probe.grpc", /unknown key/],
    ["a ProxyConfig field that does not exist", (v) => (v.workloadGroup.annotations = { "proxy.istio.io/config": "proxyMetaData: {}" }), `workloadGroup.annotations${PC}`, /not a ProxyConfig field/],
    ["YAML 1.1 reading a key differently", (v) => (v.workloadGroup.metadata = { annotations: { "proxy.istio.io/config": "proxyMetadata: {N: x}" } }), `workloadGroup.metadata.annotations${PC}`, /YAML 1.1/],
    ["a carriage return for cluster.env", (v) => (v.workloadGroup.annotations = { "proxy.istio.io/config": 'proxyMetadata: {A: "x\\r\\ny"}' }), `workloadGroup.annotations${PC}`, /carriage return/],
    ["metadata that is not a variable name", (v) => (v.workloadGroup.annotations = { "proxy.istio.io/config": "proxyMetadata: {A-B: x}" }), `workloadGroup.annotations${PC}`, /environment variable name/],
    ["a trust domain cluster.env cannot carry", (v) => (v.mesh = { meshConfig: { trustDomain: 7 } }), "mesh.meshConfig.trustDomain", /cluster.env/],
    ["a network that makes no WorkloadEntry name", (v) => (v.workloadGroup.template.network = "Net_1"), "workloadGroup.template.network", /not a Kubernetes name/],
    ["an address that makes no WorkloadEntry name", (v) => (v.workloadGroup.vm = { externalIP: "fd00::" }), "workloadGroup.vm.externalIP", /not a Kubernetes name/],
    ["tctl's way as well", (v) => (v.workloadEntry = { address: "10.0.0.7", serviceAccount: "ratings" }), "workloadEntry", /one way/],
    ["egress hosts as well (two hosts files)", (v) => (v.sidecarResource = { ingress: [{ port: { number: 80, name: "http", protocol: "HTTP" }, defaultEndpoint: "127.0.0.1:8080" }], egressHosts: ["a.example.com"] }), "sidecarResource.egressHosts", /hosts file/],
    ["no name to default from", (v) => delete v.workloadGroup.name, "workloadGroup.name", /required/],
  ])("%s", (_what, change, path, message) => {
    const found = problems(change);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.message).toMatch(message);
  });

  it("renders the base case (the table's refusals are the changes alone)", () => {
    expect(problems(() => {})).toEqual([]);
  });
});

describe("the cluster ID", () => {
  const clusterId = (mesh?: Values) => {
    const values = { ...base(), ...(mesh ? { mesh } : {}) };
    const env = render({ values }).files.find((f) => f.path === "cluster.env")!.content;
    return /^ISTIO_META_CLUSTER_ID=(.*)$/m.exec(env)![1];
  };
  it("defaults to Kubernetes (templates/values.yaml), is the injector's clusterName when given, and null empties it", () => {
    expect(clusterId()).toBe("'Kubernetes'");
    expect(clusterId({ values: { global: { multiCluster: { clusterName: "east" } } } })).toBe("'east'");
    expect(clusterId({ values: { global: { multiCluster: { clusterName: null } } } })).toBe("''");
  });
});
