import type { Problem } from "../../errors.js";

/**
 * What a VM's processes bind, to find two that cannot both bind. A service's sidecar listens on
 * its ingress ports at the instance IP (or an ingress `bind`), on its egress HTTP proxy port and
 * admin port at localhost and on its status port at every address; its app listens at
 * 127.0.0.1:<applicationPort>.
 */
export interface Socket {
  address: string;
  port: number;
  /** The value path that asks for it. */
  path: string;
  /** Which service it belongs to (a VM may run several). */
  owner: string;
  /** An egress listener's: one proxy merges its port-specific listeners with its catch-all. */
  egress?: boolean;
}

export const INSTANCE_IP = "<instance IP>";
export const ANY = "0.0.0.0";

/**
 * Port 0 is an egress listener without a port: it takes every port of its bind address, but
 * those of its own proxy's port-specific egress listeners, which Istio documents and accepts
 * (a listener for one port before the catch-all on the same bind).
 */
export function clashes(a: Socket, b: Socket): boolean {
  if (a.egress && b.egress && a.owner === b.owner && a.port !== b.port) return false;
  if (a.address === b.address) return a.port === b.port || a.port === 0 || b.port === 0;
  return (a.address === ANY || b.address === ANY) && a.port === b.port && a.port !== 0;
}

/** Each socket that clashes with an earlier one, with that earlier one. */
export function findClashes(sockets: readonly Socket[], onlyAcrossOwners = false): [later: Socket, earlier: Socket][] {
  const found: [Socket, Socket][] = [];
  for (const [j, b] of sockets.entries()) {
    const a = sockets.slice(0, j).find((s) => clashes(s, b) && (!onlyAcrossOwners || s.owner !== b.owner));
    if (a) found.push([b, a]);
  }
  return found;
}

export function describe(s: Socket): string {
  if (s.port === 0) return `${s.address} (every port)`;
  return s.address === INSTANCE_IP ? `port ${s.port}` : `${s.address}:${s.port}`;
}

type Path = (string | number)[];

/**
 * The sockets of a service's ports when the Sidecar's ingress derives from them: each port at the
 * instance IP, each application port at 127.0.0.1 (once, however many ports forward to it).
 */
export function portSockets(ports: { number: number; applicationPort: number }[], at: (path: Path) => string, owner: string): Socket[] {
  const sockets: Socket[] = [];
  ports.forEach((p, i) => sockets.push({ address: INSTANCE_IP, port: p.number, path: at(["ports", i, "number"]), owner }));
  ports.forEach((p, i) => {
    if (ports.findIndex((q) => q.applicationPort === p.applicationPort) === i) {
      sockets.push({ address: "127.0.0.1", port: p.applicationPort, path: at(["ports", i, "applicationPort"]), owner });
    }
  });
  return sockets;
}

/** An egress listener with a bind; without a port it takes every port of the hosts it imports (port 0). */
export function egressSockets(egress: { bind?: string; port?: { number: number } }[], at: (path: Path) => string, owner: string): Socket[] {
  return egress.flatMap((l, i) => (l.bind ? [{ address: l.bind, port: l.port?.number ?? 0, path: at(["egress", i, "bind"]), owner, egress: true }] : []));
}

/** One service's sockets that clash with each other, as problems at the later value. */
export function clashProblems(sockets: readonly Socket[]): Problem[] {
  return findClashes(sockets).map(([later, earlier]) => ({ path: later.path, message: `${describe(later)} is also bound by ${earlier.path}` }));
}
