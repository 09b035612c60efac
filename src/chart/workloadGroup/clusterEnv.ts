import { compareBytes } from "./goJson.js";
import { istiodAddr, isRevisioned } from "./istiod.js";
import { shellQuote } from "./shellEscape.js";
import type { ConfigureFlags, MeshInput, WorkloadGroupInput } from "./types.js";

/**
 * The variables of the VM's cluster.env, in the file's order: a port of `createClusterEnv` and
 * `mapToString` in istioctl/pkg/workload/workload.go (istio/istio 86c9f01fd73). The ProxyConfig's
 * proxyMetadata (createMeshConfig's, so istioctl's own metadata included), then these overrides:
 *
 * - ISTIO_INBOUND_PORTS: the template's port numbers, or `*` (capture everything) when it has none.
 *   istioctl lists them in Go's random map order; here by port name, so the file is reproducible.
 * - ISTIO_LOCAL_EXCLUDE_PORTS: 22 (ssh), 15090 (Prometheus), 15021 (health) and the status port:
 *   the ProxyConfig's statusPort if set and not one of those, else 15020.
 * - ISTIO_NAMESPACE, ISTIO_SERVICE (`<name>.<namespace>`), ISTIO_SERVICE_CIDR (`*`), SERVICE_ACCOUNT.
 * - CA_ADDR for a revisioned istiod; ISTIO_SVC_IP from --internalIP, or from --externalIP with
 *   REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION=true.
 *
 * Lines are sorted as istioctl sorts them: the whole `KEY=<quoted value>` line, bytewise.
 */
export function createClusterEnv(
  group: WorkloadGroupInput,
  proxyConfig: Record<string, unknown>,
  mesh: MeshInput,
  flags: ConfigureFlags,
): [string, string][] {
  const ports = Object.keys(group.template.ports).sort(compareBytes).map((name) => String(group.template.ports[name]));
  const statusPort = typeof proxyConfig.statusPort === "number" ? proxyConfig.statusPort : 0;
  let excludePorts = "22,15090,15021";
  if (statusPort !== 15090 && statusPort !== 15021) excludePorts += `,${statusPort !== 0 ? statusPort : 15020}`;

  const overrides: Record<string, string> = {
    ISTIO_INBOUND_PORTS: ports.length > 0 ? ports.join(",") : "*",
    ISTIO_NAMESPACE: group.namespace,
    ISTIO_SERVICE: `${group.name}.${group.namespace}`,
    ISTIO_SERVICE_CIDR: "*",
    ISTIO_LOCAL_EXCLUDE_PORTS: excludePorts,
    SERVICE_ACCOUNT: group.template.serviceAccount,
  };
  if (isRevisioned(mesh.revision)) overrides.CA_ADDR = istiodAddr(mesh.systemNamespace, mesh.revision);
  if (flags.internalIP) overrides.ISTIO_SVC_IP = flags.internalIP;
  else if (flags.externalIP) {
    overrides.ISTIO_SVC_IP = flags.externalIP;
    overrides.REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION = "true";
  }

  const env = new Map<string, string>(Object.entries((proxyConfig.proxyMetadata ?? {}) as Record<string, string>));
  for (const [k, v] of Object.entries(overrides)) env.set(k, v);
  const line = ([k, v]: [string, string]) => `${k}=${shellQuote(v)}`;
  return [...env].sort((a, b) => compareBytes(line(a), line(b)));
}
