import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { render, type Values } from "../src/index.js";
import { parseValuesYaml } from "../src/values/parseValuesYaml.js";
import { renderProblem as problem } from "./fixtures.js";

/*
 * Several proxies on one VM share its network (network_mode: host). What a sidecar in
 * interception mode NONE binds there, at the fork's Istio (1.8-dev, tetratelabs/istio 4f798f028b)
 * and in Istio since:
 * - Envoy's admin on 127.0.0.1:<proxyAdminPort> and pilot-agent's status server on
 *   0.0.0.0:<statusPort>: ProxyConfig fields (envoy_bootstrap.json `admin`, status.NewServer);
 * - Envoy's Prometheus listener 0.0.0.0:15090 and health listener 0.0.0.0:15021: literal ports in
 *   tools/packaging/common/envoy_bootstrap.json up to Istio 1.10; pilot-agent's ENVOY_PROMETHEUS_PORT
 *   and ENVOY_STATUS_PORT since 1.11 (istio/istio 2ff6d6a6069, "agent: remove more hardcoded
 *   paths, ports", pilot/cmd/pilot-agent/options);
 * - Envoy's hot-restart domain socket, an abstract Unix socket (per network namespace) named by
 *   --base-id, which pilot-agent never sets: pkg/envoy/proxy.go passes --restart-epoch without
 *   --disable-hot-restart until 1.10 (istio/istio a2610dc2fbf, "Disable envoy hot restart").
 * So on a proxyv2 before 1.11 a second proxy on the host cannot start; since, it can when each
 * proxy's four ports differ, which the WorkloadEntry's proxy.istio.io/config carries (statusPort,
 * proxyAdminPort, and proxyMetadata, which tctl writes first in sidecar.env).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fleet = () => parseValuesYaml(readFileSync(join(root, "examples", "fleet", "values.yaml"), "utf8"), "fleet") as any;
const files = (values: Values) => new Map(render({ values }).files.map((f) => [f.path, f.content]));
const env = (text: string) => Object.fromEntries(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
const vm = "vms/legacy-35-194-38-142";

/** The host ports one proxy binds, read from its sidecar.env as pilot-agent (1.11+) reads it. */
function hostPorts(sidecarEnv: string): number[] {
  const e = env(sidecarEnv);
  const pc = JSON.parse(e.PROXY_CONFIG!);
  return [pc.proxyAdminPort ?? 15000, pc.statusPort ?? 15020, Number(e.ENVOY_STATUS_PORT ?? 15021), Number(e.ENVOY_PROMETHEUS_PORT ?? 15090)];
}

describe("two proxies on one VM bind ports of their own", () => {
  it("the fleet example's legacy VM: details moves all four ports, through its WorkloadEntry's proxy.istio.io/config", () => {
    const out = files(fleet());
    const details = out.get(`${vm}/details/sidecar.env`)!;
    const ratings = out.get(`${vm}/ratings/sidecar.env`)!;
    expect(hostPorts(details)).toEqual([15100, 15120, 15121, 15190]);
    expect(hostPorts(ratings)).toEqual([15000, 15020, 15021, 15090]);
    // proxyMetadata comes first in sidecar.env, sorted (data.go), as tctl would write it.
    expect(details.split("\n").slice(1, 3)).toEqual(["ENVOY_PROMETHEUS_PORT=15190", "ENVOY_STATUS_PORT=15121"]);
    const we = load(out.get(`${vm}/workloadentry-details.yaml`)!) as any;
    expect(load(we.metadata.annotations["proxy.istio.io/config"])).toEqual({
      proxyAdminPort: 15100, statusPort: 15120, proxyMetadata: { ENVOY_PROMETHEUS_PORT: "15190", ENVOY_STATUS_PORT: "15121" },
    });
  });

  it("the mesh's proxyMetadata survives: the annotation's proxyMetadata replaces the map, so it carries the mesh's too", () => {
    const v = fleet();
    v.mesh = { meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_META_FOO: "bar" } } } };
    const out = files(v);
    expect(env(out.get(`${vm}/details/sidecar.env`)!)).toMatchObject({ ISTIO_META_FOO: "bar", ENVOY_STATUS_PORT: "15121" });
    expect(env(out.get(`${vm}/ratings/sidecar.env`)!)).toMatchObject({ ISTIO_META_FOO: "bar" });
  });

  it("refuses two services on one VM whose Envoys both keep 15090 and 15021", () => {
    const v = fleet();
    delete v.services.details.proxy.envoyStatusPort;
    delete v.services.details.proxy.envoyPrometheusPort;
    const message = problem(v);
    expect(message).toContain("vms.legacy.services: ratings and details both bind 0.0.0.0:15021 (services.ratings.proxy.envoyStatusPort, services.details.proxy.envoyStatusPort)");
    expect(message).toContain("vms.legacy.services: ratings and details both bind 0.0.0.0:15090 (services.ratings.proxy.envoyPrometheusPort, services.details.proxy.envoyPrometheusPort)");
  });

  it.each([["0.9.0"], ["1.10.3"], ["1.8.2-distroless"]])("refuses two services on one VM with a proxy image before Istio 1.11 (global.tag %s)", (tag) => {
    const v = fleet();
    v.global.tag = tag;
    expect(problem(v)).toMatch(new RegExp(`vms\\.legacy\\.services: .*global\\.tag ${tag.replaceAll(".", "\\.")}.*1\\.11`));
  });

  it.each([["1.11.0"], ["1.24.2-distroless"], ["latest"]])("accepts them with global.tag %s", (tag) => {
    const v = fleet();
    v.global.tag = tag;
    expect(problem(v)).toBe("rendered");
  });

  it.each([
    ["meshConfig.defaultConfig", (v: any) => (v.mesh = { meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: "true" } } } }), "mesh.meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE"],
    ["expansionProxyConfig", (v: any) => (v.mesh = { expansionProxyConfig: { proxyMetadata: { ISTIO_META_ENABLE_DNS_SERVER: "1" } } }), "mesh.expansionProxyConfig.proxyMetadata.ISTIO_META_ENABLE_DNS_SERVER"],
  ])("refuses two proxies on one VM whose agents both run the DNS proxy on 15053 (%s)", (_where, edit, path) => {
    const v = fleet();
    edit(v);
    expect(problem(v)).toContain(`vms.legacy.services: runs 2 services (details, ratings), one Istio proxy each on the host network, but ${path} turns on every proxy's DNS proxy, which binds port 15053`);
  });

  it("accepts the DNS proxy turned off, and on for a VM running one service", () => {
    const v = fleet();
    v.mesh = { meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: "false" } } } };
    expect(problem(v)).toBe("rendered");
    v.mesh = { meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: "true" } } } };
    v.vms.legacy.services = ["details"];
    expect(problem(v)).toBe("rendered");
  });

  it("a VM running one service is not held to the version", () => {
    const v = fleet();
    v.global.tag = "0.9.0";
    v.vms.legacy.services = ["details"];
    expect(problem(v)).toBe("rendered");
  });
});
