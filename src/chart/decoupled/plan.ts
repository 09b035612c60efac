import { slug } from "../../render/helpers/slug.js";
import { isIP } from "../ipAddress.js";
import { upstreamAlpn } from "./alpn.js";
import { namespaceOfServiceHost, parseSpiffeId, principal, spiffeId, trustDomainPrefix, type Identity } from "./identity.js";
import { defaultListen, parseListen, type ListenSocket } from "./listen.js";
import { autoPassthroughSni } from "./sni.js";
import type { DecoupledValues, ServePort, Upstream } from "./values.js";

/** Where the compose file mounts the VM's certificate directory, and the files Envoy reads there. */
const CERTS_MOUNT = "/etc/envoy/certs";
export const CERT_FILES = { chain: `${CERTS_MOUNT}/cert-chain.pem`, key: `${CERTS_MOUNT}/key.pem`, root: `${CERTS_MOUNT}/root-cert.pem` } as const;

/** One upstream with everything its listener, cluster and policy need, derived once. */
export interface UpstreamPlan extends Upstream {
  listenSocket: ListenSocket;
  /** The cluster's name: the SNI itself, as Istio names the gateway's chains. */
  cluster: string;
  listener: string;
  sni: string;
  alpn: string[];
  /** The server identity Envoy accepts: exactly one, or any in the trust domain. */
  san: { exact: string } | { prefix: string };
  /** The namespace of the service's workloads, when the host or the values name it. */
  workloadNamespace?: string;
  /** The AuthorizationPolicy's name when `authorize` is given. */
  policyName?: string;
}

export interface ServePlan extends ServePort {
  listener: string;
  cluster: string;
}

export interface DecoupledPlan {
  identity: Identity;
  spiffeId: string;
  principal: string;
  upstreams: UpstreamPlan[];
  serve: ServePlan[];
  certificateName: string;
  secretName: string;
  /** The ServiceEntry of `serve`, in the identity's namespace. */
  serviceEntryName: string;
  usages: string[];
  /** How mesh clients resolve the serving VM's address: STATIC for an IP, DNS for a name. */
  serveResolution?: "STATIC" | "DNS";
}

/**
 * Everything the decoupled templates lay out, computed from the values in one place: the
 * identity's two spellings, and per upstream its socket, SNI, ALPN and SAN match. The checks
 * (checks/decoupled.ts) hold the values to the rules this relies on before it runs.
 */
export function decoupledPlan(d: DecoupledValues): DecoupledPlan {
  const identity: Identity = { trustDomain: d.trustDomain, ...d.identity };
  const name = `${d.identity.serviceAccount}-vm-identity`;
  return {
    identity,
    spiffeId: spiffeId(identity),
    principal: principal(identity),
    upstreams: d.upstreams.map((u) => upstreamPlan(u, d)),
    serve: (d.serve?.ports ?? []).map((p) => ({ ...p, listener: `inbound_0.0.0.0_${p.number}`, cluster: `inbound|${p.number}||` })),
    certificateName: name,
    secretName: d.certificate?.secretName ?? name,
    serviceEntryName: `${d.identity.serviceAccount}-vm`,
    // Istio's own workload certificates carry both extended usages; a VM that only calls needs the client one.
    usages: ["digital signature", "client auth", ...(d.serve ? ["server auth"] : [])],
    ...(d.serve ? { serveResolution: isIP(d.serve.address) ? "STATIC" : "DNS" } : {}),
  };
}

function upstreamPlan(u: Upstream, d: DecoupledValues): UpstreamPlan {
  const listenSocket = parseListen(u.listen ?? defaultListen(u.port));
  const sni = autoPassthroughSni(u.host, u.port);
  const workloadNamespace = u.namespace ?? namespaceOfServiceHost(u.host);
  return {
    ...u,
    listenSocket,
    cluster: sni,
    listener: `${listenSocket.address}_${listenSocket.port}`,
    sni,
    alpn: upstreamAlpn(u.protocol),
    san: serverSan(u, d.trustDomain, workloadNamespace),
    ...(workloadNamespace !== undefined ? { workloadNamespace } : {}),
    ...(u.authorize ? { policyName: policyName(d.identity.serviceAccount, u) } : {}),
  };
}

function serverSan(u: Upstream, trustDomain: string, namespace: string | undefined): { exact: string } | { prefix: string } {
  if (u.serviceAccount === undefined) return { prefix: trustDomainPrefix(trustDomain) };
  if (parseSpiffeId(u.serviceAccount)) return { exact: u.serviceAccount };
  // The checks make sure a namespace is known when a service account name is given.
  return { exact: spiffeId({ trustDomain, namespace: namespace ?? "", serviceAccount: u.serviceAccount }) };
}

/**
 * The cluster-side files _decoupled-cluster.hbs renders for these values, in path order: what a
 * group's kustomization lists. The template's conditions and these are kept alike by a test.
 */
export function clusterFiles(d: DecoupledValues, plan: DecoupledPlan): string[] {
  return [
    ...plan.upstreams.filter((u) => u.authorize).map((u) => `authorizationpolicy-${u.policyName}.yaml`),
    ...(d.certificate ? ["certificate.yaml"] : []),
    ...(d.gateway.create ? ["gateway.yaml"] : []),
    ...(d.serve ? ["serviceentry.yaml"] : []),
  ].sort();
}

/** `<vm service account>-to-<host>-<port>`, slugged: one policy per upstream, named for both ends. */
export function policyName(serviceAccount: string, u: Upstream): string {
  return slug(`${serviceAccount}-to-${u.host}-${u.port}`);
}
