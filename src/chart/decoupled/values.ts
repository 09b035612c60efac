import type { UpstreamProtocol } from "./alpn.js";

/** The `decoupled` section of the values, after the schema has filled its defaults. */
export interface DecoupledValues {
  identity: { namespace: string; serviceAccount: string };
  trustDomain: string;
  gateway: { address: string; port: number; create: boolean; name: string; namespace: string; selector: Record<string, string>; hosts: string[] };
  upstreams: Upstream[];
  envoy: { image: string; adminPort: number; certsDir: string; forwardingProxy: boolean };
  certificate?: {
    issuerRef: { name: string; kind: string; group: string };
    secretName?: string;
    duration: string;
    renewBefore: string;
  };
  serve?: { host: string; address: string; ports: ServePort[] };
}

export interface Upstream {
  host: string;
  port: number;
  protocol: UpstreamProtocol;
  listen?: string;
  namespace?: string;
  serviceAccount?: string;
  authorize?: { selector: Record<string, string> };
}

export interface ServePort {
  number: number;
  name: string;
  protocol: UpstreamProtocol;
  targetPort: number;
}
