/**
 * Istio workload identities (istio/istio pkg/spiffe/spiffe.go): the certificate carries the URI
 * SAN `spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>` (genSpiffeURI), and
 * AuthorizationPolicy names the same identity as a principal without the scheme
 * (`<trustDomain>/ns/<namespace>/sa/<serviceAccount>`, security.istio.io Source.principals).
 */
export interface Identity {
  trustDomain: string;
  namespace: string;
  serviceAccount: string;
}

const SPIFFE_PREFIX = "spiffe://";

export function spiffeId(id: Identity): string {
  return `${SPIFFE_PREFIX}${principal(id)}`;
}

export function principal(id: Identity): string {
  return `${id.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;
}

/** The URI SAN prefix every identity of the trust domain shares. */
export function trustDomainPrefix(trustDomain: string): string {
  return `${SPIFFE_PREFIX}${trustDomain}/`;
}

/**
 * ParseIdentity of pkg/spiffe/spiffe.go: exactly `spiffe://<td>/ns/<ns>/sa/<sa>`, five path
 * segments; anything else is no Istio identity.
 */
export function parseSpiffeId(uri: string): Identity | undefined {
  if (!uri.startsWith(SPIFFE_PREFIX)) return undefined;
  const split = uri.slice(SPIFFE_PREFIX.length).split("/");
  if (split.length !== 5 || split[1] !== "ns" || split[3] !== "sa") return undefined;
  return { trustDomain: split[0]!, namespace: split[2]!, serviceAccount: split[4]! };
}

/** The namespace a Kubernetes service host names: `<service>.<namespace>.svc.<domain>`. */
export function namespaceOfServiceHost(host: string): string | undefined {
  const parts = host.split(".");
  return parts.length >= 4 && parts[2] === "svc" ? parts[1] : undefined;
}
