/**
 * Host-name rules of `tctl x sidecar-bootstrap` (istioctl/pkg/bootstrap/bundle/data.go of the
 * tetratelabs/istio fork, commit 4f798f028b): which addresses are cluster-local, and the
 * aliases a cluster-local service answers to.
 */

/** Go's net.SplitHostPort, as far as tctl needs it: host and port, or the whole text as host when there is no port. */
export function splitHostPort(address: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]*)\]:([0-9a-zA-Z]*)$/.exec(address);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2]! };
  const i = address.lastIndexOf(":");
  if (i < 0 || address.indexOf(":") !== i) return { host: address };
  return { host: address.slice(0, i), port: address.slice(i + 1) };
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** isClusterLocal: a service name, <svc>.<ns>, or <svc>.<ns>.svc[.cluster[.local]]. */
export function isClusterLocal(host: string): boolean {
  const s = host.split(".");
  switch (s.length) {
    case 1:
    case 2:
      return true;
    case 3:
      return s[2] === "svc";
    case 4:
      return s[2] === "svc" && s[3] === "cluster";
    case 5:
      return s[2] === "svc" && s[3] === "cluster" && s[4] === "local";
    default:
      return false;
  }
}

/** SplitServiceAndNamespace: <svc>.<ns>…, or a bare service in the workload's namespace. */
export function splitServiceAndNamespace(host: string, workloadNamespace: string): [service: string, namespace: string] {
  const s = host.split(".");
  return s.length > 1 ? [s[0]!, s[1]!] : [s[0]!, workloadNamespace];
}

/** getClusterLocalAliases: every name a cluster-local service answers to. */
export function clusterLocalAliases(service: string, namespace: string): string[] {
  const base = `${service}.${namespace}`;
  return [base, `${base}.svc`, `${base}.svc.cluster`, `${base}.svc.cluster.local`];
}

/** shortClusterLocalAlias: <svc>.<ns>.svc. */
export function shortAlias(host: string, workloadNamespace: string): string {
  const [svc, ns] = splitServiceAndNamespace(host, workloadNamespace);
  return `${svc}.${ns}.svc`;
}

/** canonicalClusterLocalAlias: <svc>.<ns>.svc.cluster.local. */
export function canonicalAlias(host: string, workloadNamespace: string): string {
  const [svc, ns] = splitServiceAndNamespace(host, workloadNamespace);
  return `${svc}.${ns}.svc.cluster.local`;
}

/** clusterLocalSni: "" (the proxy's default) for a cluster-local address, else the SNI to send. */
export function clusterLocalSni(address: string, defaultSni: string): string {
  return isClusterLocal(splitHostPort(address).host) ? "" : defaultSni;
}
