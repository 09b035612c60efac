import { slug } from "../../render/helpers/slug.js";
import { workloadEntryAnnotations, type Bootstrap } from "./annotations.js";
import { DEFAULT_PROXY_CONFIG_DIR } from "./dockerRun.js";
import type { Workload } from "./model.js";

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

/** The proxy.istio.io/config of a fleet service whose proxy ports are not Istio's defaults. */
export function fleetProxyConfigAnnotation(svc: V): string | undefined {
  const { adminPort, statusPort } = svc.proxy;
  return adminPort === 15000 && statusPort === 15020 ? undefined : `proxyAdminPort: ${adminPort}\nstatusPort: ${statusPort}\n`;
}

/** The annotations of a fleet WorkloadEntry. */
export function fleetAnnotations(group: V, service: string, svc: V): Record<string, string> {
  const config = fleetProxyConfigAnnotation(svc);
  return workloadEntryAnnotations(fleetBootstrap(group, service), config ? { "proxy.istio.io/config": config } : undefined);
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
    annotations: fleetAnnotations(group, service, svc),
  };
}
