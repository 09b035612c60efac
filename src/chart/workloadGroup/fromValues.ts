import { isMap, type Values } from "../../values/objects.js";
import type { ConfigureFlags, MeshInput, WorkloadGroupInput } from "./types.js";

type StringMap = Record<string, string>;

/** The `workloadGroup` values (schema-valid, defaults applied) as the WorkloadGroup istioctl reads. */
export function workloadGroupInput(wg: Values, name: string, namespace: string): WorkloadGroupInput {
  const metadata = (wg.metadata ?? {}) as { labels?: StringMap; annotations?: StringMap };
  const template = wg.template as WorkloadGroupInput["template"];
  return {
    name,
    namespace,
    annotations: (wg.annotations ?? {}) as StringMap,
    metadata: { labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} },
    template: { ...template, ports: template.ports ?? {}, labels: template.labels ?? {} },
    probe: isMap(wg.probe) ? wg.probe : undefined,
  };
}

/** The `mesh` values: the ConfigMaps istioctl reads and its --istioNamespace, --revision and --clusterID. */
export function meshInput(mesh: Values): MeshInput {
  const global = ((mesh.values as Values | undefined)?.global ?? {}) as { revision?: string; multiCluster?: { clusterName?: string } };
  return {
    meshConfig: isMap(mesh.meshConfig) ? mesh.meshConfig : {},
    systemNamespace: String(mesh.systemNamespace),
    revision: global.revision ?? "",
    // Default Kubernetes (templates/values.yaml), as istioctl's goldens pass --clusterID; an
    // injector config without one leaves istioctl's --clusterID empty, and so does null here.
    clusterID: global.multiCluster?.clusterName ?? "",
  };
}

/** The flags istioctl takes for one VM (or none, for every VM of an autoscaled group). */
export function configureFlags(wg: Values, vm: { internalIP?: string; externalIP?: string } | undefined): ConfigureFlags {
  return { autoRegister: wg.autoRegister === true, captureDNS: wg.captureDNS !== false, internalIP: vm?.internalIP, externalIP: vm?.externalIP };
}
