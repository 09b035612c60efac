/**
 * istiod's address as istioctl names it for a VM (istioctl/pkg/workload/workload.go, isRevisioned,
 * IstiodHost, IstiodAddr): `istiod[-<revision>].<system namespace>.svc`, port 15012. A revision of
 * "" or "default" is no revision.
 */
export function isRevisioned(revision: string): boolean {
  return revision !== "" && revision !== "default";
}

export function istiodHost(systemNamespace: string, revision: string): string {
  return `${isRevisioned(revision) ? `istiod-${revision}` : "istiod"}.${systemNamespace}.svc`;
}

export function istiodAddr(systemNamespace: string, revision: string): string {
  return `${istiodHost(systemNamespace, revision)}:15012`;
}
