/**
 * The SNI an Istio east-west gateway in AUTO_PASSTHROUGH mode routes on. The gateway builds one
 * filter chain per service port (istio/istio pilot/pkg/networking/core/gateway.go,
 * builtAutoPassthroughFilterChains), matching the server name that BuildDNSSrvSubsetKey makes
 * (pilot/pkg/model/service.go): `<direction>_.<port>_.<subset>_.<hostname>`, with direction
 * `outbound` and, for the whole service, an empty subset. So
 * `outbound_.9080_._.reviews.bookinfo.svc.cluster.local`. The chain then forwards the TLS bytes
 * untouched to the service's endpoints, so the mTLS session is between the VM's Envoy and the
 * destination's sidecar.
 */
export function autoPassthroughSni(host: string, port: number, subset = ""): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}

/**
 * The ALPN values every AUTO_PASSTHROUGH chain also matches (allIstioMtlsALPNs in
 * pilot/pkg/networking/core/listener.go): a client that offers none of them reaches no chain.
 */
export const AUTO_PASSTHROUGH_ALPNS: readonly string[] = ["istio", "istio-peer-exchange", "istio-http/1.0", "istio-http/1.1", "istio-h2"];

/**
 * Whether a gateway server's host admits a service host, as host.Name.SubsetOf does for the
 * gateway's `hosts` (pkg/config/host/name.go): `*` admits all, `*.local` every name ending in
 * `.local`, anything else only itself. Services that no host admits get no chain.
 */
export function gatewayHostAdmits(gatewayHost: string, serviceHost: string): boolean {
  if (gatewayHost === "*") return true;
  if (gatewayHost.startsWith("*.")) return serviceHost.endsWith(gatewayHost.slice(1));
  return gatewayHost === serviceHost;
}
