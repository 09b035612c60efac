import { createClusterEnv } from "./clusterEnv.js";
import { createHosts } from "./hosts.js";
import { createMeshConfig } from "./meshConfig.js";
import type { ConfigureFlags, MeshInput, WorkloadGroupInput } from "./types.js";

/** What `istioctl x workload entry configure` writes for one VM, as data for the templates to lay out. */
export interface VmBundle {
  /** cluster.env's variables, in the file's order. */
  clusterEnv: [string, string][];
  /** mesh.yaml: `defaultConfig`, the ProxyConfig. */
  mesh: { defaultConfig: Record<string, unknown> };
  /** hosts' lines, as [address, host name]. */
  hosts: [string, string][];
}

/**
 * istioctl's createConfig (istioctl/pkg/workload/workload.go) without the cluster: mesh.yaml, then
 * cluster.env from its ProxyConfig, then hosts. The root certificate and the token come from the
 * cluster; the certificate is a value (mesh.caCert), the token never is.
 */
export function workloadGroupBundle(group: WorkloadGroupInput, mesh: MeshInput, flags: ConfigureFlags, ingress: string, isIP: (s: string) => boolean): VmBundle {
  const defaultConfig = createMeshConfig(group, mesh, flags);
  return {
    clusterEnv: createClusterEnv(group, defaultConfig, mesh, flags),
    mesh: { defaultConfig },
    hosts: createHosts(ingress, isIP, mesh.systemNamespace, mesh.revision),
  };
}
