import { isIP } from "../ipAddress.js";
import { clusterLocalSni, shortAlias } from "./clusterLocal.js";
import { goJsonStringMap } from "../workloadGroup/goJson.js";
import { proxyConfigJson } from "./protoJson.js";
import { appOrServiceAccount, type ProxyConfig } from "./proxyConfig.js";
import type { Mesh, Workload } from "./model.js";

/** What each variable is computed from: the mesh, the WorkloadEntry and its ProxyConfig. */
export interface EnvContext {
  mesh: Mesh;
  workload: Workload;
  proxyConfig: ProxyConfig;
  /** PROXY_CONFIG, when already made from proxyConfig. */
  proxyConfigJson?: string;
}

/** A value, or undefined where tctl would derive it from a WorkloadEntry that is not given. */
type Value = (c: EnvContext) => string | undefined;

/** Where tctl keeps the certificates (GetSecretsDir): where PILOT_CERT_PROVIDER=istiod looks for the root. */
export const SECRETS_DIR = "/var/run/secrets/istio";

const fromWorkload = (f: (w: Workload & { name: string; address: string }) => string | undefined): Value => (c) =>
  c.workload.name !== undefined && c.workload.address !== undefined ? f(c.workload as Workload & { name: string; address: string }) ?? "" : undefined;

/** CA_ADDR (GetCaAddr): values' caAddress, else the discovery address. */
export function caAddress(c: EnvContext): string {
  return c.mesh.values?.global?.caAddress || (c.proxyConfig.discoveryAddress as string | undefined) || "";
}

/**
 * INSTANCE_IP: the proxy-instance-ip annotation, else the address when it is an IP. tctl refuses a
 * WorkloadEntry with neither (and a proxy-instance-ip that is no IP); the values checks do too.
 */
export function instanceIp(w: Workload): string | undefined {
  return w.annotations["sidecar-bootstrap.istio.io/proxy-instance-ip"] || (w.address && isIP(w.address) ? w.address : undefined);
}

/**
 * The variables of sidecar.env, in tctl's order (envVars of istioctl/pkg/bootstrap/bundle/data.go,
 * tetratelabs/istio 4f798f028b), each computed as there. The ProxyConfig's proxyMetadata comes
 * first (sidecarEnv below).
 */
export const ENV_VARS: { name: string; value: Value }[] = [
  { name: "JWT_POLICY", value: (c) => c.mesh.values?.global?.jwtPolicy ?? "" },
  { name: "PROV_CERT", value: () => SECRETS_DIR },
  { name: "OUTPUT_CERTS", value: () => SECRETS_DIR },
  { name: "PILOT_CERT_PROVIDER", value: (c) => c.mesh.values?.global?.pilotCertProvider ?? "" },
  { name: "CA_ADDR", value: caAddress },
  { name: "CA_SNI", value: (c) => clusterLocalSni(caAddress(c), shortAlias("istiod", c.mesh.systemNamespace)) },
  { name: "PILOT_SNI", value: (c) => clusterLocalSni((c.proxyConfig.discoveryAddress as string | undefined) ?? "", shortAlias("istiod", c.mesh.systemNamespace)) },
  { name: "POD_NAME", value: fromWorkload((w) => w.name) },
  { name: "POD_NAMESPACE", value: (c) => c.workload.namespace },
  { name: "IDENTITY_IP", value: fromWorkload((w) => w.address) },
  { name: "INSTANCE_IP", value: fromWorkload((w) => instanceIp(w)) },
  { name: "SERVICE_ACCOUNT", value: fromWorkload((w) => w.serviceAccount) },
  { name: "HOST_IP", value: fromWorkload((w) => w.address) },
  // tctl reads these from the WorkloadEntry's metadata labels, which vm-template does not render.
  { name: "CANONICAL_SERVICE", value: () => "" },
  { name: "CANONICAL_REVISION", value: () => "" },
  { name: "PROXY_CONFIG", value: (c) => c.proxyConfigJson ?? proxyConfigJson(c.proxyConfig) },
  { name: "ISTIO_META_CLUSTER_ID", value: (c) => c.mesh.values?.global?.multiCluster?.clusterName || "Kubernetes" },
  // tctl ignores the ProxyConfig's interceptionMode: a VM has no iptables unless the annotation says so.
  { name: "ISTIO_META_INTERCEPTION_MODE", value: (c) => c.workload.annotations["sidecar.istio.io/interceptionMode"] || "NONE" },
  { name: "ISTIO_META_NETWORK", value: (c) => c.workload.network || c.mesh.values?.global?.network || "" },
  { name: "ISTIO_METAJSON_LABELS", value: (c) => (Object.keys(c.workload.labels).length ? goJsonStringMap(c.workload.labels) : "") },
  { name: "ISTIO_METAJSON_ISTIO_ANNOTATIONS", value: (c) => istioAnnotationsJson(c.workload.annotations) },
  { name: "ISTIO_META_WORKLOAD_NAME", value: (c) => appOrServiceAccount(c.workload) },
  { name: "ISTIO_META_OWNER", value: fromWorkload((w) => `kubernetes://apis/networking.istio.io/v1beta1/namespaces/${w.namespace}/workloadentries/${w.name}`) },
  { name: "ISTIO_META_MESH_ID", value: (c) => c.mesh.values?.global?.meshID || c.mesh.values?.global?.trustDomain || "" },
];

/** The Istio annotations of the workload (names containing istio.io/ but not istioctl.istio.io/), as JSON; "" when none. */
function istioAnnotationsJson(annotations: Record<string, string>): string {
  const istio = Object.fromEntries(Object.entries(annotations).filter(([k]) => k.includes("istio.io/") && !k.includes("istioctl.istio.io/")));
  return Object.keys(istio).length ? goJsonStringMap(istio) : "";
}

/**
 * GetEnv: the proxy's environment as [name, value] pairs in the file's order, proxyMetadata first
 * (sorted by name, lower priority), then ENV_VARS. A variable tctl would derive from a missing
 * WorkloadEntry is left out, so pilot-agent uses its own default.
 */
export function sidecarEnv(c: EnvContext): [string, string][] {
  const metadata = (c.proxyConfig.proxyMetadata ?? {}) as Record<string, string>;
  const vars: [string, string][] = Object.keys(metadata).sort().map((k) => [k, metadata[k]!]);
  for (const { name, value } of ENV_VARS) {
    const v = value(c);
    if (v !== undefined) vars.push([name, v]);
  }
  return vars;
}
