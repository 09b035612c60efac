import type { ProxyConfig } from "./proxyConfig.js";

/** What tctl reads from the cluster, as values give it (SPEC section 8). */
export interface Mesh {
  systemNamespace: string;
  /** global.vmgateway.host: tctl's address of the istio-ingressgateway load balancer. */
  gateway: string;
  /** global.hub and global.tag: the proxy image's hub and tag. */
  hub: string;
  tag: string;
  meshConfig?: { defaultConfig?: ProxyConfig };
  values?: { global?: IstioGlobal };
  expansionProxyConfig?: ProxyConfig;
  caCert?: string;
}

export interface IstioGlobal {
  jwtPolicy?: string;
  pilotCertProvider?: string;
  caAddress?: string;
  remotePilotAddress?: string;
  multiCluster?: { clusterName?: string };
  network?: string;
  meshID?: string;
  trustDomain?: string;
  revision?: string;
  proxy?: { image?: string; logLevel?: string; componentLogLevel?: string };
}

/**
 * A WorkloadEntry as tctl reads it. `name` and `address` are absent for the proxy of a values
 * file without a workloadEntry (the seed 000 command): what tctl derives from them is left to
 * pilot-agent's defaults.
 */
export interface Workload {
  name?: string;
  namespace: string;
  address?: string;
  network?: string;
  serviceAccount?: string;
  /** spec.labels (vm-template renders no metadata.labels). */
  labels: Record<string, string>;
  /** Every annotation, the sidecar-bootstrap.istio.io/* ones included. */
  annotations: Record<string, string>;
}

/** The mesh of a values tree (already validated). */
export function meshOf(values: Record<string, any>): Mesh {
  const m = values.mesh ?? {};
  return {
    systemNamespace: m.systemNamespace ?? "istio-system",
    gateway: values.global.vmgateway.host,
    hub: values.global.hub,
    tag: values.global.tag,
    meshConfig: m.meshConfig,
    values: m.values,
    expansionProxyConfig: m.expansionProxyConfig,
    caCert: m.caCert,
  };
}
