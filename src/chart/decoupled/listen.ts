/** A socket Envoy listens on, from `<IPv4>:<port>` or `[<IPv6>]:<port>`. */
export interface ListenSocket {
  address: string;
  port: number;
}

export function parseListen(text: string): ListenSocket {
  const at = text.lastIndexOf(":");
  const host = text.slice(0, at);
  return { address: host.startsWith("[") ? host.slice(1, -1) : host, port: Number(text.slice(at + 1)) };
}

/** The default: the app calls the upstream on localhost at the service's own port. */
export function defaultListen(port: number): string {
  return `127.0.0.1:${port}`;
}
