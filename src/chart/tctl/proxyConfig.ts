import { isDeepStrictEqual } from "node:util";
import { load, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { isMap, setKey } from "../../values/objects.js";
import { proxyConfigField } from "../workloadGroup/proxyConfigFields.js";
import { isIP } from "../ipAddress.js";
import { canonicalAlias, isClusterLocal, joinHostPort, shortAlias, splitHostPort } from "./clusterLocal.js";
import type { Mesh, Workload } from "./model.js";

export type ProxyConfig = Record<string, unknown>;

/**
 * Istio's DefaultProxyConfig (pkg/config/mesh/mesh.go of the fork at 4f798f028b), the ProxyConfig
 * tctl starts from. Its addresses name istio-system whatever the system namespace, as upstream's do.
 */
export const DEFAULT_PROXY_CONFIG: ProxyConfig = {
  configPath: "./etc/istio/proxy",
  binaryPath: "/usr/local/bin/envoy",
  serviceCluster: "istio-proxy",
  drainDuration: "45s",
  parentShutdownDuration: "60s",
  terminationDrainDuration: "5s",
  proxyAdminPort: 15000,
  concurrency: 2,
  controlPlaneAuthPolicy: "MUTUAL_TLS",
  discoveryAddress: "istiod.istio-system.svc:15012",
  tracing: { zipkin: { address: "zipkin.istio-system:9411" } },
  envoyMetricsService: {},
  envoyAccessLogService: {},
  statNameLength: 189,
  statusPort: 15020,
};

/**
 * gogoprotomarshal.ApplyYAML onto a ProxyConfig: each field given replaces the whole field
 * (jsonpb allocates a new message, map or list for it), which is how Istio merges ProxyConfig.
 */
export function applyProxyConfig(base: ProxyConfig, overlay: ProxyConfig | undefined): ProxyConfig {
  return overlay ? { ...base, ...structuredClone(overlay) } : base;
}

/**
 * The text of a `proxy.istio.io/config` annotation read as tctl reads it (gogoprotomarshal.ApplyYAML:
 * ghodss/yaml, YAML 1.1 scalars as go-yaml v2, then jsonpb, which takes a field by either of its
 * names and skips a null one); a problem in words, or the fields by JSON name.
 */
export function parseProxyConfigAnnotation(text: string): { config?: ProxyConfig; problem?: string } {
  let parsed: unknown;
  try {
    parsed = load(text, { schema: YAML11_SCHEMA });
    // What the user reads (YAML 1.2) must be what tctl reads: `on`, `yes`, `0777` are not.
    if (!isDeepStrictEqual(load(text, { schema: CORE_SCHEMA }), parsed)) return { problem: "reads differently in YAML 1.1 (tctl's go-yaml) and YAML 1.2: quote values such as on, yes, no and 0777" };
  } catch (e) {
    return { problem: `is not YAML: ${(e as Error).message.split("\n")[0]}` };
  }
  if (parsed === null || parsed === undefined) return { config: {} };
  if (!isMap(parsed)) return { problem: "must be a ProxyConfig as a YAML mapping" };
  const config: ProxyConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    const name = proxyConfigField(key);
    if (!name) return { problem: `${JSON.stringify(key)}: no such ProxyConfig field (tctl refuses it)` };
    if (value !== null) setKey(config, name, value);
  }
  return { config };
}

/** getAppOrServiceAccount: the app label, else the service account. */
export function appOrServiceAccount(w: Workload): string {
  return w.labels.app || w.serviceAccount || "";
}

/**
 * SidecarData.ForWorkload: the proxy's ProxyConfig. Istio's defaults, the mesh config's
 * defaultConfig over them, then serviceCluster <app or service account>.<namespace> and no
 * concurrency (every core of the VM), the mesh-expansion overrides, the rewrite of cluster-local
 * addresses to the gateway when it is a DNS name, and last the workload's proxy.istio.io/config.
 */
export function proxyConfigFor(mesh: Mesh, w: Workload): ProxyConfig {
  let pc = applyProxyConfig(structuredClone(DEFAULT_PROXY_CONFIG), mesh.meshConfig?.defaultConfig);
  pc.serviceCluster = `${appOrServiceAccount(w)}.${w.namespace}`;
  delete pc.concurrency;
  pc = applyProxyConfig(pc, mesh.expansionProxyConfig);
  pc = structuredClone(pc);
  if (!isIP(mesh.gateway)) replaceClusterLocalAddresses(pc, w.namespace, mesh.gateway);
  const annotation = w.annotations["proxy.istio.io/config"];
  if (annotation) pc = applyProxyConfig(pc, parseProxyConfigAnnotation(annotation).config);
  return pc;
}

type Tls = { mode?: string; sni?: string; subjectAltNames?: string[] } | undefined;
type Addressed = { address?: string; tlsSettings?: Tls } | undefined;

/**
 * replaceClusterLocalAddresses: with a gateway known only by DNS name, /etc/hosts cannot map the
 * cluster-local names, so each cluster-local address becomes the gateway's (same port), and TLS
 * to it keeps naming the service: SNI <svc>.<ns>.svc, and for non-ISTIO_MUTUAL modes both aliases
 * as subject alt names. Mutates pc (a copy).
 */
function replaceClusterLocalAddresses(pc: ProxyConfig, namespace: string, gateway: string): void {
  const replace = (address: string | undefined, set: (v: string) => void, tls: Tls) => {
    if (!address) return;
    const { host, port } = splitHostPort(address);
    if (isIP(host) || !isClusterLocal(host)) return;
    set(port !== undefined ? joinHostPort(gateway, port) : gateway);
    if (tls && tls.mode && tls.mode !== "DISABLE") {
      if (!tls.sni) tls.sni = shortAlias(host, namespace);
      if (tls.mode !== "ISTIO_MUTUAL") {
        const sans = (tls.subjectAltNames ??= []);
        for (const name of [canonicalAlias(host, namespace), shortAlias(host, namespace)]) if (!sans.includes(name)) sans.push(name);
      }
    }
  };
  replace(pc.discoveryAddress as string | undefined, (v) => (pc.discoveryAddress = v), undefined);
  const tracing = pc.tracing as ({ tlsSettings?: Tls } & Record<string, Addressed>) | undefined;
  for (const tracer of ["zipkin", "lightstep", "datadog"]) {
    const t = tracing?.[tracer] as Addressed;
    if (t) replace(t.address, (v) => (t.address = v), tracing!.tlsSettings);
  }
  for (const service of ["envoyAccessLogService", "envoyMetricsService"]) {
    const s = pc[service] as Addressed;
    if (s) replace(s.address, (v) => (s.address = v), s.tlsSettings);
  }
  // Upstream pairs the deprecated zipkinAddress with envoyMetricsService's TLS settings; kept as is.
  replace(pc.zipkinAddress as string | undefined, (v) => (pc.zipkinAddress = v), (pc.envoyMetricsService as Addressed)?.tlsSettings);
}
