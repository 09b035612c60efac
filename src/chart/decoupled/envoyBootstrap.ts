import { isHttp, usesHttp2, type UpstreamProtocol } from "./alpn.js";
import { CERT_FILES, type DecoupledPlan, type ServePlan, type UpstreamPlan } from "./plan.js";
import { trustDomainPrefix } from "./identity.js";
import { isIP } from "../ipAddress.js";
import type { DecoupledValues } from "./values.js";

type Json = Record<string, unknown>;

const TYPE = "type.googleapis.com/envoy.extensions";
const HCM = "envoy.filters.network.http_connection_manager";
const TCP_PROXY = "envoy.filters.network.tcp_proxy";
const TLS = "envoy.transport_sockets.tls";
const HTTP_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/**
 * The static Envoy bootstrap of a decoupled VM (seed 003): Envoy never talks to istiod, so every
 * listener and cluster is here. Per upstream, a listener on its `listen` socket and a cluster
 * that reaches the service through the east-west gateway's AUTO_PASSTHROUGH port with Istio
 * mTLS: SNI and ALPN as the gateway and the destination sidecar match them (sni.ts, alpn.ts), the
 * VM's certificate, the mesh root as `trusted_ca` (without it Envoy would not verify the server
 * at all) and a URI SAN match on the server's SPIFFE identity. With `serve`, an inbound listener
 * per port terminates mesh mTLS and forwards to the app on 127.0.0.1.
 *
 * Envoy refuses unknown fields in a static bootstrap and, since 1.22, any HTTP filter without a
 * `typed_config` (the router included): every filter here has one, and
 * ../shared/reference/validate-envoy.mjs holds the output to Envoy's own protos.
 */
export function envoyBootstrap(d: DecoupledValues, plan: DecoupledPlan): Json {
  return {
    admin: { address: socketAddress("127.0.0.1", d.envoy.adminPort) },
    static_resources: {
      listeners: [...plan.upstreams.map(upstreamListener), ...plan.serve.map((p) => inboundListener(p, d.trustDomain))],
      clusters: [...plan.upstreams.map((u) => upstreamCluster(u, d.gateway)), ...plan.serve.map(inboundCluster)],
    },
  };
}

function upstreamListener(u: UpstreamPlan): Json {
  return {
    name: u.listener,
    address: socketAddress(u.listenSocket.address, u.listenSocket.port),
    filter_chains: [{ filters: [proxyFilter(u.protocol, u.cluster)] }],
  };
}

function upstreamCluster(u: UpstreamPlan, gateway: DecoupledValues["gateway"]): Json {
  const isIp = isIP(gateway.address);
  return {
    name: u.cluster,
    // A gateway named by DNS is re-resolved as its load balancer's addresses change.
    type: isIp ? "STATIC" : "STRICT_DNS",
    ...(isIp ? {} : { dns_lookup_family: "V4_PREFERRED" }),
    connect_timeout: "10s",
    load_assignment: endpoint(u.cluster, gateway.address, gateway.port),
    ...protocolOptions(u.protocol),
    transport_socket: {
      name: TLS,
      typed_config: {
        "@type": `${TYPE}.transport_sockets.tls.v3.UpstreamTlsContext`,
        sni: u.sni,
        common_tls_context: {
          alpn_protocols: u.alpn,
          tls_certificates: [certificate()],
          validation_context: { trusted_ca: { filename: CERT_FILES.root }, match_typed_subject_alt_names: [{ san_type: "URI", matcher: u.san }] },
        },
      },
    },
  };
}

/**
 * A mesh client's sidecar originates Istio mTLS to the VM (the ServiceEntry's endpoint is
 * labelled for it) and checks the VM's identity against the ServiceEntry's subjectAltNames;
 * Envoy asks for a client certificate of the same trust domain. No `istio-peer-exchange` among
 * the ALPNs: the client would then send metadata-exchange bytes into the stream.
 */
function inboundListener(p: ServePlan, trustDomain: string): Json {
  return {
    name: p.listener,
    address: socketAddress("0.0.0.0", p.number),
    filter_chains: [
      {
        filters: [proxyFilter(p.protocol, p.cluster)],
        transport_socket: {
          name: TLS,
          typed_config: {
            "@type": `${TYPE}.transport_sockets.tls.v3.DownstreamTlsContext`,
            require_client_certificate: true,
            common_tls_context: {
              ...(isHttp(p.protocol) ? { alpn_protocols: ["h2", "http/1.1"] } : {}),
              tls_certificates: [certificate()],
              validation_context: {
                trusted_ca: { filename: CERT_FILES.root },
                match_typed_subject_alt_names: [{ san_type: "URI", matcher: { prefix: trustDomainPrefix(trustDomain) } }],
              },
            },
          },
        },
      },
    ],
  };
}

function inboundCluster(p: ServePlan): Json {
  return { name: p.cluster, type: "STATIC", connect_timeout: "10s", load_assignment: endpoint(p.cluster, "127.0.0.1", p.targetPort), ...protocolOptions(p.protocol) };
}

/** HTTP goes through a connection manager (so HTTP/1.1 and HTTP/2 are each spoken right on both sides); TCP is passed as bytes. */
function proxyFilter(protocol: UpstreamProtocol, cluster: string): Json {
  if (!isHttp(protocol)) {
    return { name: TCP_PROXY, typed_config: { "@type": `${TYPE}.filters.network.tcp_proxy.v3.TcpProxy`, stat_prefix: cluster, cluster } };
  }
  return {
    name: HCM,
    typed_config: {
      "@type": `${TYPE}.filters.network.http_connection_manager.v3.HttpConnectionManager`,
      stat_prefix: cluster,
      codec_type: "AUTO",
      route_config: {
        name: cluster,
        virtual_hosts: [
          {
            name: cluster,
            domains: ["*"],
            // No route timeout, as Istio's sidecars have none by default: a gRPC stream or a long
            // download must not be cut at Envoy's 15 s default.
            routes: [{ match: { prefix: "/" }, route: { cluster, timeout: "0s" } }],
          },
        ],
      },
      http_filters: [{ name: "envoy.filters.http.router", typed_config: { "@type": `${TYPE}.filters.http.router.v3.Router` } }],
    },
  };
}

function protocolOptions(protocol: UpstreamProtocol): Json {
  if (!usesHttp2(protocol)) return {};
  return { typed_extension_protocol_options: { [HTTP_OPTIONS]: { "@type": `type.googleapis.com/${HTTP_OPTIONS}`, explicit_http_config: { http2_protocol_options: {} } } } };
}

function certificate(): Json {
  return { certificate_chain: { filename: CERT_FILES.chain }, private_key: { filename: CERT_FILES.key } };
}

function socketAddress(address: string, port: number): Json {
  return { socket_address: { address, port_value: port } };
}

function endpoint(cluster: string, address: string, port: number): Json {
  return { cluster_name: cluster, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(address, port) } }] }] };
}
