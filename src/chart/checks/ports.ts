import type { Problem } from "../../errors.js";
import { joinPath } from "../../values/objects.js";

type Path = (string | number)[];

/** A list of ports whose numbers and names must each be unique (a ServiceDefinition's, a Sidecar's ingress). */
export function duplicatePorts(ports: { number: number; name: string }[], at: (i: number) => Path): Problem[] {
  const problems: Problem[] = [];
  for (const key of ["number", "name"] as const) {
    ports.forEach((p, j) => {
      const i = ports.findIndex((q) => q[key] === p[key]);
      if (i < j) problems.push({ path: joinPath([...at(j), key]), message: `${JSON.stringify(p[key])} is also ${joinPath([...at(i), key])}; each port needs its own ${key}` });
    });
  }
  return problems;
}

/**
 * Without iptables capture the app reaches an egress listener only through /etc/hosts, on a
 * loopback address; bound elsewhere, the listener would be an open proxy on the network.
 */
export function egressOutsideLoopback(egress: { bind?: string }[], capture: boolean, at: (i: number) => Path): Problem[] {
  if (capture) return [];
  return egress.flatMap((l, i) =>
    l.bind !== undefined && !isLoopback(l.bind)
      ? [{ path: joinPath([...at(i), "bind"]), message: `must be a loopback address (127.0.0.0/8 or ::1) while iptables capture is off: the app reaches it through /etc/hosts, and elsewhere it is open to the network (got "${l.bind}")` }]
      : [],
  );
}

/** Reachable from this machine only: 127.0.0.0/8 and ::1 (also written in full, or v4-mapped). */
export function isLoopback(ip: string): boolean {
  return /^127\./.test(ip) || ip === "::1" || /^0*:(0*:)*0*1$/.test(ip) || /^::ffff:127\./i.test(ip);
}

/** The hosts file points at the first egress listener's bind, so there must be one. `egressName` is how the message names the list. */
export function egressHostsWithoutBind(hosts: string[] | undefined, egress: { bind?: string }[], at: Path, egressName: string): Problem[] {
  if (!hosts || egress[0]?.bind) return [];
  return [{ path: joinPath([...at, "egressHosts"]), message: `needs ${egressName}[0].bind, the address the hosts lines point at` }];
}
