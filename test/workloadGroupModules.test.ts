// The WorkloadGroup bundle's pure modules against istioctl's own rules (istio/istio 86c9f01fd73,
// istioctl/pkg/workload/workload.go, workload_test.go, pkg/util/shellescape/quote_test.go).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote } from "../src/chart/workloadGroup/shellEscape.js";
import { goJsonString, goJsonStringMap } from "../src/chart/workloadGroup/goJson.js";
import { canonicalService, createMeshConfig, podPortsJson } from "../src/chart/workloadGroup/meshConfig.js";
import { createClusterEnv } from "../src/chart/workloadGroup/clusterEnv.js";
import { readProxyConfig } from "../src/chart/workloadGroup/proxyConfigAnnotation.js";
import type { WorkloadGroupInput } from "../src/chart/workloadGroup/types.js";

const group = (over: Partial<WorkloadGroupInput> = {}): WorkloadGroupInput => ({
  name: "foo", namespace: "bar", annotations: {}, metadata: { labels: {}, annotations: {} },
  template: { serviceAccount: "default", ports: {}, labels: {} }, ...over,
});
const mesh = { meshConfig: {}, systemNamespace: "istio-system", revision: "", clusterID: "Kubernetes" };
const flags = { autoRegister: false, captureDNS: true };

describe("shellQuote (pkg/util/shellescape)", () => {
  it.each([
    ["", "''"],
    ["10.10.10.10", "'10.10.10.10'"], // digits are outside upstream's class: the goldens quote IPs
    ["foo", "'foo'"],
    ["www", "www"], // only `\`, `w` and @%+=:,./- stay bare
    ["w@w%w+w=w:w,w.w/w-w", "w@w%w+w=w:w,w.w/w-w"],
    ["it's", `'it'"'"'s'`],
    ["w\\", "'w\\'"], // upstream leaves this bare, and sh would read `w` and a continuation
  ])("%j -> %s", (value, quoted) => expect(shellQuote(value)).toBe(quoted));

  // quote_test.go's cases, echoed back through sh as upstream's test does.
  it.each([`{"key": "value"}`, "it's going to need single quotes", "", "no issues here", "w\\w", "a\nb", "$HOME `x`"])("sh reads %j back", (s) => {
    expect(execFileSync("sh", ["-c", `printf '%s' ${shellQuote(s)}`], { encoding: "utf8" })).toBe(s);
  });
});

describe("Go's json.Marshal (ISTIO_METAJSON_LABELS)", () => {
  it("escapes HTML characters and line separators as Go does, keys in byte order", () => {
    expect(goJsonString("a<b>&c\u2028\u2029\b\f\x01é")).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\b\\f\\u0001é"');
    expect(goJsonStringMap({ b: "1", B: "2", a: "3" })).toBe('{"B":"2","a":"3","b":"1"}');
  });
  it("writes pod ports as TestWorkloadEntryToPodPortsMeta expects", () => {
    expect(podPortsJson({ HTTPS: 443, HTTP: 80 })).toBe('[{"name":"HTTP","containerPort":80,"protocol":""},{"name":"HTTPS","containerPort":443,"protocol":""}]');
    expect(podPortsJson({})).toBe("");
  });
});

describe("createMeshConfig", () => {
  it("takes the canonical service and revision from the first label present (pkg/kube/labels)", () => {
    expect(canonicalService({}, "foo")).toEqual(["foo", "latest"]);
    expect(canonicalService({ app: "a", "app.kubernetes.io/name": "k", version: "v1" }, "foo")).toEqual(["k", "v1"]);
  });

  it("replaces each ProxyConfig field an annotation gives, and merges proxyMetadata", () => {
    const meshConfig = { defaultConfig: { proxyMetadata: { A: "mesh", B: "mesh" }, tracing: { sampling: 1, zipkin: { address: "z:9411" } }, concurrency: 2 } };
    const pc = createMeshConfig(
      group({
        annotations: { "proxy.istio.io/config": "proxyMetadata: {B: group, C: group}\ntracing: {sampling: 5}" },
        metadata: { labels: {}, annotations: { "proxy.istio.io/config": "proxy_metadata: {C: entry}\nconcurrency: 4" } },
      }),
      { ...mesh, meshConfig },
      flags,
    );
    expect(pc.tracing).toEqual({ sampling: 5 }); // jsonpb sets the whole message: zipkin is gone
    expect(pc.concurrency).toBe(4);
    expect(pc.proxyMetadata).toMatchObject({ A: "mesh", B: "group", C: "entry" });
  });

  it("keeps annotation metadata where istioctl would panic (defaultConfig without proxyMetadata)", () => {
    const pc = createMeshConfig(group({ annotations: { "proxy.istio.io/config": "proxyMetadata: {X: z}" } }), { ...mesh, meshConfig: { defaultConfig: {} } }, flags);
    expect(pc.proxyMetadata).toMatchObject({ X: "z" });
  });

  it("leaves the mesh config's DNS capture alone when --capture-dns=false, and names the group for --autoregister", () => {
    const meshConfig = { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: "false" } } };
    const md = createMeshConfig(group(), { ...mesh, meshConfig }, { autoRegister: true, captureDNS: false }).proxyMetadata as Record<string, string>;
    expect(md.ISTIO_META_DNS_CAPTURE).toBe("false");
    expect(md.ISTIO_META_AUTO_REGISTER_GROUP).toBe("foo");
  });

  it("writes the probe as jsonpb does (zero values left out), and drops the mesh config's probe when the group has none", () => {
    const meshConfig = { defaultConfig: { readinessProbe: { tcpSocket: { port: 1 } } } };
    expect(createMeshConfig(group(), { ...mesh, meshConfig }, flags).readinessProbe).toBeUndefined();
    const probe = { httpGet: { port: 8080, path: "", scheme: "HTTP" }, initialDelaySeconds: 0, periodSeconds: 5 };
    expect(createMeshConfig(group({ probe }), mesh, flags).readinessProbe).toEqual({ httpGet: { port: 8080, scheme: "HTTP" }, periodSeconds: 5 });
  });
});

describe("createClusterEnv", () => {
  const env = (pc: Record<string, unknown>, m = mesh, f: typeof flags & { internalIP?: string; externalIP?: string } = flags) =>
    Object.fromEntries(createClusterEnv(group({ template: { serviceAccount: "sa", ports: { http: 8080, grpc: 3550 }, labels: {} } }), pc, m, f));

  it.each([
    [0, "22,15090,15021,15020"],
    [15021, "22,15090,15021"],
    [15090, "22,15090,15021"],
    [16000, "22,15090,15021,16000"],
  ])("statusPort %d excludes %s", (statusPort, excluded) => {
    expect(env({ statusPort }).ISTIO_LOCAL_EXCLUDE_PORTS).toBe(excluded);
  });

  it("captures the template's ports, by port name", () => {
    expect(env({}).ISTIO_INBOUND_PORTS).toBe("3550,8080");
  });

  it("sets CA_ADDR for a revision, and the external IP with the legacy probe rewrite", () => {
    const e = env({}, { ...mesh, revision: "canary" }, { ...flags, externalIP: "203.0.113.9" });
    expect(e.CA_ADDR).toBe("istiod-canary.istio-system.svc:15012");
    expect(e.ISTIO_SVC_IP).toBe("203.0.113.9");
    expect(e.REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION).toBe("true");
    expect(env({}, { ...mesh, revision: "default" }).CA_ADDR).toBeUndefined();
  });

  it("sorts whole lines, as mapToString does (A0= before A=)", () => {
    const keys = createClusterEnv(group(), { proxyMetadata: { A: "x", A0: "y" } }, mesh, flags).map(([k]) => k);
    expect(keys.indexOf("A0")).toBeLessThan(keys.indexOf("A"));
  });
});

describe("readProxyConfig", () => {
  it.each([
    ["proxyMetaData: {}", /not a ProxyConfig field/],
    ["proxyMetadata: {A: 1}", /must be a string/],
    ["- a", /mapping/],
    ["a: [", /not valid YAML/],
  ])("%j is refused", (text, reason) => {
    const r = readProxyConfig(text);
    expect("error" in r && r.error).toMatch(reason);
  });
  it("refuses text that istioctl's go-yaml (YAML 1.1) reads differently from what it says in YAML 1.2", () => {
    expect(readProxyConfig("holdApplicationUntilProxyStarts: yes")).toMatchObject({ error: expect.stringMatching(/YAML 1.1/) });
    expect(readProxyConfig("proxyMetadata: {N: x}")).toMatchObject({ error: expect.stringMatching(/YAML 1.1/) });
    expect(readProxyConfig("holdApplicationUntilProxyStarts: true")).toEqual({ fields: { holdApplicationUntilProxyStarts: true } });
  });
});
