import { slug } from "../../render/helpers/slug.js";
import { workloadEntryAnnotations, type Bootstrap } from "./annotations.js";
import { DEFAULT_PROXY_CONFIG_DIR } from "./dockerRun.js";
import { meshOf, type Workload } from "./model.js";
import { proxyConfigFor } from "./proxyConfig.js";

/* The WorkloadEntries vm-template renders, as tctl would read them back from the cluster. */

type V = Record<string, any>;

/** The single VM's WorkloadEntry; without a workloadEntry section, the workload of global.sidecar with no name or address. */
export function singleVmWorkload(values: V): Workload {
  const { appId, appNs } = values.global.sidecar;
  const we = values.workloadEntry;
  const labels = { ...(we?.labels ?? {}), app: appId, class: "vm" };
  if (!we) return { namespace: appNs, labels, annotations: {} };
  return {
    name: we.name ?? `${appId}-vm`,
    namespace: we.namespace ?? appNs,
    address: we.address,
    network: we.network,
    serviceAccount: we.serviceAccount,
    labels,
    annotations: workloadEntryAnnotations(we.bootstrap, we.annotations),
  };
}

/** A fleet VM's proxy of one service: its own directory and container, so proxies of one VM run side by side. */
export function fleetBootstrap(group: V, service: string): Bootstrap {
  const b = { ...(group.bootstrap ?? {}) } as Bootstrap;
  b.proxyConfigDir = `${group.bootstrap?.proxyConfigDir ?? DEFAULT_PROXY_CONFIG_DIR}/${service}`;
  b.proxyContainerName = `${group.bootstrap?.proxyContainerName ?? "istio-proxy"}-${service}`;
  return b;
}

/**
 * The proxy.istio.io/config of a fleet service whose proxy ports are not Istio's defaults:
 * proxyAdminPort and statusPort, and Envoy's health and Prometheus ports as pilot-agent's
 * ENVOY_STATUS_PORT and ENVOY_PROMETHEUS_PORT (pilot/cmd/pilot-agent/options, Istio 1.11+), which
 * tctl writes into sidecar.env from the ProxyConfig's proxyMetadata. The annotation's proxyMetadata
 * replaces the whole map (applyProxyConfig), so it carries the mesh's own (`meshMetadata`) too.
 * In JSON flow style: YAML 1.1 and 1.2 read it alike.
 */
export function fleetProxyConfigAnnotation(svc: V, meshMetadata: Record<string, string> = {}): string | undefined {
  const { adminPort, statusPort, envoyStatusPort = 15021, envoyPrometheusPort = 15090 } = svc.proxy;
  let text = adminPort === 15000 && statusPort === 15020 ? "" : `proxyAdminPort: ${adminPort}\nstatusPort: ${statusPort}\n`;
  if (envoyStatusPort !== 15021 || envoyPrometheusPort !== 15090) {
    const metadata: Record<string, string> = { ...meshMetadata };
    if (envoyPrometheusPort !== 15090) metadata.ENVOY_PROMETHEUS_PORT = String(envoyPrometheusPort);
    if (envoyStatusPort !== 15021) metadata.ENVOY_STATUS_PORT = String(envoyStatusPort);
    const sorted = Object.fromEntries(Object.keys(metadata).sort().map((k) => [k, metadata[k]!]));
    text += `proxyMetadata: ${JSON.stringify(sorted)}\n`;
  }
  return text || undefined;
}

/**
 * A fleet WorkloadEntry's annotations depend on its group and service, not its address: made once
 * per render (keyed by the values object the render passes every helper), as a fleet has
 * thousands of VMs and each needs them twice (its WorkloadEntry and its proxy's bundle).
 */
const fleetAnnotationsMade = new WeakMap<object, Map<string, Readonly<Record<string, string>>>>();

/** The annotations of a fleet WorkloadEntry; `values` gives the mesh's proxyMetadata. Shared: do not change them. */
export function fleetAnnotations(values: V, groupName: string, service: string): Readonly<Record<string, string>> {
  let made = fleetAnnotationsMade.get(values);
  if (!made) fleetAnnotationsMade.set(values, (made = new Map()));
  const key = `${groupName}/${service}`;
  let annotations = made.get(key);
  if (!annotations) made.set(key, (annotations = Object.freeze(makeFleetAnnotations(values, groupName, service))));
  return annotations;
}

function makeFleetAnnotations(values: V, groupName: string, service: string): Record<string, string> {
  const svc = values.services[service];
  const bare: Workload = { namespace: svc.namespace, serviceAccount: svc.serviceAccount, labels: { ...(svc.labels ?? {}), app: service, class: "vm" }, annotations: {} };
  const meshMetadata = (proxyConfigFor(meshOf(values), bare).proxyMetadata ?? {}) as Record<string, string>;
  const config = fleetProxyConfigAnnotation(svc, meshMetadata);
  return workloadEntryAnnotations(fleetBootstrap(values.vms[groupName], service), config ? { "proxy.istio.io/config": config } : undefined);
}

/** The WorkloadEntry of `service` on the VM at `address` of `groupName`. */
export function fleetWorkload(values: V, groupName: string, service: string, address: string): Workload {
  const group = values.vms[groupName];
  const svc = values.services[service];
  return {
    name: `${service}-${groupName}-${slug(address)}`,
    namespace: svc.namespace,
    address,
    network: group.network,
    serviceAccount: svc.serviceAccount,
    labels: { ...(svc.labels ?? {}), app: service, class: "vm" },
    annotations: fleetAnnotations(values, groupName, service),
  };
}
