import { isIP } from "../ipAddress.js";
import { clusterLocalAliases, isClusterLocal, splitHostPort, splitServiceAndNamespace } from "./clusterLocal.js";
import type { ProxyConfig } from "./proxyConfig.js";
import type { Mesh, Workload } from "./model.js";

/**
 * The `docker run` tctl starts on the VM (processBundle of istioctl/cmd/sidecar-bootstrap.go and
 * the Get* functions of istioctl/pkg/bootstrap/bundle/data.go, tetratelabs/istio 4f798f028b).
 */

/** tctl's default proxy-config-dir ("the most reliable default value for out-of-the-box experience"). */
export const DEFAULT_PROXY_CONFIG_DIR = "/tmp/istio-proxy";

/** Where pilot-agent looks for the root certificate (PILOT_CERT_PROVIDER=istiod) and the token (JWT_POLICY=third-party-jwt). */
export const ROOT_CERT_PATH = "/var/run/secrets/istio/root-cert.pem";
export const TOKEN_PATH = "/var/run/secrets/tokens/istio-token";

/** GetIstioProxyContainerName. */
export function containerName(w: Workload): string {
  return w.annotations["sidecar-bootstrap.istio.io/proxy-container-name"] || "istio-proxy";
}

/** The proxy-config-dir tctl copies the files to. */
export function proxyConfigDir(w: Workload): string {
  return w.annotations["sidecar-bootstrap.istio.io/proxy-config-dir"] || DEFAULT_PROXY_CONFIG_DIR;
}

/** GetIstioProxyImage: sidecar.istio.io/proxyImage, else <hub>/<proxy image>:<tag>, the hub overridden by proxy-image-hub. */
export function image(mesh: Mesh, w: Workload): string {
  const explicit = w.annotations["sidecar.istio.io/proxyImage"];
  if (explicit) return explicit;
  const hub = (w.annotations["sidecar-bootstrap.istio.io/proxy-image-hub"] || mesh.hub).replace(/\/+$/, "") || "docker.io/istio";
  return `${hub}/${mesh.values?.global?.proxy?.image || "proxyv2"}:${mesh.tag || "latest"}`;
}

/** GetIstioProxyArgs: the arguments of pilot-agent, which reads these settings only from its command line. */
export function proxyArgs(mesh: Mesh, w: Workload, pc: ProxyConfig): string[] {
  const global = mesh.values?.global;
  return [
    "proxy",
    "sidecar",
    "--serviceCluster",
    String(pc.serviceCluster ?? ""),
    "--concurrency",
    String(pc.concurrency ?? 0),
    "--proxyLogLevel",
    w.annotations["sidecar.istio.io/logLevel"] || global?.proxy?.logLevel || "info",
    "--proxyComponentLogLevel",
    w.annotations["sidecar.istio.io/componentLogLevel"] || global?.proxy?.componentLogLevel || "misc:info",
    "--trust-domain",
    global?.trustDomain || "cluster.local",
  ];
}

/**
 * GetIstioProxyHosts: when the gateway is an IP, every alias of each cluster-local address the
 * proxy dials (istiod's, the tracers', the access log and metrics services', the CA's), sorted, each
 * mapped to the gateway (`--add-host <host>:<gateway>`). With a DNS-name gateway, none: the
 * addresses were rewritten to it instead (proxyConfigFor).
 */
export function addHosts(mesh: Mesh, w: Workload, pc: ProxyConfig): string[] {
  if (!isIP(mesh.gateway)) return [];
  const global = mesh.values?.global;
  const revision = global?.revision ? `-${global.revision}` : "";
  const tracing = pc.tracing as Record<string, { address?: string; sni?: string } | undefined> | undefined;
  const sniOf = (o: unknown) => (o as { tlsSettings?: { sni?: string } } | undefined)?.tlsSettings?.sni;
  const addressOf = (o: unknown) => (o as { address?: string } | undefined)?.address;
  const candidates = [
    `istiod${revision}.${mesh.systemNamespace}.svc:15012`,
    pc.discoveryAddress as string | undefined,
    addressOf(tracing?.zipkin),
    addressOf(tracing?.lightstep),
    addressOf(tracing?.datadog),
    sniOf(tracing),
    addressOf(pc.envoyAccessLogService),
    sniOf(pc.envoyAccessLogService),
    addressOf(pc.envoyMetricsService),
    sniOf(pc.envoyMetricsService),
    pc.zipkinAddress as string | undefined,
    global?.remotePilotAddress,
    global?.caAddress,
  ];
  const hosts = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate) continue;
    const { host } = splitHostPort(candidate);
    if (isIP(host) || !isClusterLocal(host)) continue;
    const [svc, ns] = splitServiceAndNamespace(host, w.namespace);
    for (const alias of clusterLocalAliases(svc, ns)) hosts.add(alias);
  }
  return [...hosts].sort().map((h) => `${h}:${mesh.gateway}`);
}
