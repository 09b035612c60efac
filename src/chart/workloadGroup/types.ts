/** A WorkloadGroup as istioctl reads it (clientnetworking.WorkloadGroup), defaults applied. */
export interface WorkloadGroupInput {
  name: string;
  namespace: string;
  /** The WorkloadGroup's own metadata.annotations. */
  annotations: Record<string, string>;
  /** spec.metadata: what every WorkloadEntry of the group gets. */
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  /** spec.template; serviceAccount defaults to "default" (istioctl's readWorkloadGroup). */
  template: {
    serviceAccount: string;
    network?: string;
    ports: Record<string, number>;
    labels: Record<string, string>;
    locality?: string;
    weight?: number;
  };
  /** spec.probe, the readiness probe. */
  probe?: Record<string, unknown>;
}

/** What istioctl reads from the cluster, and its control-plane flags. */
export interface MeshInput {
  /** ConfigMap `istio` (or `istio-<revision>`), key `mesh`, as an object. */
  meshConfig: Record<string, unknown>;
  /** istioctl's --istioNamespace. */
  systemNamespace: string;
  /** istioctl's --revision ("" or "default": none). */
  revision: string;
  /** istioctl's --clusterID. */
  clusterID: string;
}

/** The flags of `istioctl x workload entry configure` that shape the VM's files. */
export interface ConfigureFlags {
  autoRegister: boolean;
  captureDNS: boolean;
  internalIP?: string;
  externalIP?: string;
}
