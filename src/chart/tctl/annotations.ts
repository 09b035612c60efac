/**
 * The `sidecar-bootstrap.istio.io/*` annotations of a WorkloadEntry, by the bootstrap value that
 * sets each (istioctl/pkg/bootstrap/annotation/annotations.go of the tetratelabs/istio fork,
 * commit 4f798f028b). `mesh-expansion-configmap` is read from the Namespace, not the
 * WorkloadEntry; its content is mesh.expansionProxyConfig here.
 */
export const BOOTSTRAP_ANNOTATIONS = {
  sshHost: "sidecar-bootstrap.istio.io/ssh-host",
  sshPort: "sidecar-bootstrap.istio.io/ssh-port",
  sshUser: "sidecar-bootstrap.istio.io/ssh-user",
  scpPath: "sidecar-bootstrap.istio.io/scp-path",
  proxyConfigDir: "sidecar-bootstrap.istio.io/proxy-config-dir",
  proxyImageHub: "sidecar-bootstrap.istio.io/proxy-image-hub",
  proxyContainerName: "sidecar-bootstrap.istio.io/proxy-container-name",
  proxyInstanceIp: "sidecar-bootstrap.istio.io/proxy-instance-ip",
} as const;

export type Bootstrap = Partial<Record<keyof typeof BOOTSTRAP_ANNOTATIONS, string | number>>;

/**
 * Every annotation of the WorkloadEntry as tctl reads them: the user's own ones and the bootstrap
 * values under their annotation names. Annotation values are strings in Kubernetes, so a port
 * becomes its decimal text.
 */
export function workloadEntryAnnotations(bootstrap: Bootstrap | undefined, annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = { ...(annotations ?? {}) };
  for (const [key, name] of Object.entries(BOOTSTRAP_ANNOTATIONS)) {
    const value = bootstrap?.[key as keyof Bootstrap];
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
