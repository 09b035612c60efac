import type { Problem } from "../../errors.js";
import { isMap, joinPath, type Values } from "../../values/objects.js";
import { namespaceOfServiceHost, parseSpiffeId } from "../decoupled/identity.js";
import { isIP } from "../ipAddress.js";
import { defaultListen, parseListen } from "../decoupled/listen.js";
import { decoupledPlan, policyName } from "../decoupled/plan.js";
import { gatewayHostAdmits } from "../decoupled/sni.js";
import type { DecoupledValues } from "../decoupled/values.js";
import { isLoopback } from "./ports.js";
import { ANY, clashes, describe, type Socket } from "./sockets.js";

type At = (...path: (string | number)[]) => string;

/**
 * The rules of a decoupled VM that no single value states: what the gateway would route, what
 * Envoy can bind, and identities that Istio would accept; for a fleet, also per decoupled group
 * and across groups. Each problem names its value path.
 */
export function decoupledChecks(values: Values): Problem[] {
  if (isMap(values.decoupled)) return decoupledProblems(values.decoupled as unknown as DecoupledValues, (...p) => joinPath(["decoupled", ...p]));
  if (isMap(values.vms)) return fleetProblems(values.vms as Record<string, Group>);
  return [];
}

function decoupledProblems(d: DecoupledValues, at: At): Problem[] {
  return [...upstreamProblems(d, at), ...socketProblems(d, at), ...certificateProblems(d, at)];
}

interface Group { addresses: string[]; services?: string[]; decoupled?: DecoupledValues }

function fleetProblems(vms: Record<string, Group>): Problem[] {
  const problems: Problem[] = [];
  // Resources of every group's cluster side, by kind, namespace and name: kustomize refuses two alike.
  const owners = new Map<string, string>();
  for (const [group, g] of Object.entries(vms)) {
    if (!g.decoupled) continue;
    const d = g.decoupled;
    const at: At = (...p) => joinPath(["vms", group, "decoupled", ...p]);
    problems.push(...decoupledProblems(d, at));
    // Every VM of a group reads the same envoy.yaml, so a listener cannot name one VM's address.
    if (g.addresses.length > 1) {
      d.upstreams.forEach((u, i) => {
        const { address } = parseListen(u.listen ?? defaultListen(u.port));
        if (isIP(address) && !isLoopback(address) && address !== "0.0.0.0" && address !== "::") {
          problems.push({ path: at("upstreams", i, "listen"), message: `names one machine, but the group has ${g.addresses.length} addresses and one envoy.yaml; listen on 0.0.0.0 or :: (got "${u.listen}")` });
        }
      });
    }
    const plan = decoupledPlan(d);
    type Made = [kind: string, namespace: string, name: string, path: string];
    const resources: Made[] = [];
    if (d.certificate) resources.push(["Certificate", d.identity.namespace, plan.certificateName, at("certificate")]);
    if (d.gateway.create) resources.push(["Gateway", d.gateway.namespace, d.gateway.name, at("gateway", "create")]);
    if (d.serve) resources.push(["ServiceEntry", d.identity.namespace, plan.serviceEntryName, at("serve")]);
    plan.upstreams.forEach((u, i) => {
      if (u.policyName && u.workloadNamespace) resources.push(["AuthorizationPolicy", u.workloadNamespace, u.policyName, at("upstreams", i, "authorize")]);
    });
    for (const [kind, namespace, name, path] of resources) {
      const key = `${kind} ${namespace}/${name}`;
      const other = owners.get(key);
      if (other) problems.push({ path, message: `makes the ${key}, as ${other} does; kubectl apply -k refuses two (give the groups identities of their own, or create the Gateway in one group)` });
      else owners.set(key, path);
    }
  }
  return problems;
}

function upstreamProblems(d: DecoupledValues, at: At): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const seen = new Map<string, number>();
  const policies = new Map<string, number>();
  d.upstreams.forEach((u, i) => {
    // builtAutoPassthroughFilterChains (pilot/pkg/networking/core/gateway.go) makes chains only
    // for services whose host one of the server's hosts admits: any other SNI reaches nothing.
    if (!d.gateway.hosts.some((h) => gatewayHostAdmits(h, u.host))) {
      add(at("upstreams", i, "host"), `the gateway passes through only ${d.gateway.hosts.join(", ")} (${at("gateway", "hosts")}), so no route would match "${u.host}"; give the service's fully qualified name, such as reviews.bookinfo.svc.cluster.local`);
    }
    const key = `${u.host}:${u.port}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) add(at("upstreams", i), `${key} is also ${at("upstreams", earlier)}; one listener and cluster per service port`);
    else seen.set(key, i);
    const namespace = u.namespace ?? namespaceOfServiceHost(u.host);
    if (u.serviceAccount !== undefined) {
      const id = parseSpiffeId(u.serviceAccount);
      if (id && id.trustDomain !== d.trustDomain) {
        add(at("upstreams", i, "serviceAccount"), `is in the trust domain "${id.trustDomain}", but the mesh's is "${d.trustDomain}" (${at("trustDomain")}): the VM trusts only the mesh root, and a sidecar of that mesh carries an identity of its own trust domain`);
      } else if (!id && namespace === undefined) {
        add(at("upstreams", i, "namespace"), `is required with serviceAccount: "${u.host}" does not name a namespace (<service>.<namespace>.svc.<domain>)`);
      }
    }
    if (u.authorize) {
      if (namespace === undefined) add(at("upstreams", i, "namespace"), `is required with authorize: the AuthorizationPolicy goes into the service's namespace, which "${u.host}" does not name`);
      const name = policyName(d.identity.serviceAccount, u);
      const other = policies.get(name);
      if (name.length > 253) add(at("upstreams", i, "authorize"), `makes the AuthorizationPolicy name ${name}, longer than 253 characters`);
      else if (other !== undefined) add(at("upstreams", i, "authorize"), `makes the AuthorizationPolicy name ${name}, as ${at("upstreams", other)} does`);
      else policies.set(name, i);
    }
  });
  return problems;
}

/**
 * Envoy binds every listener at start and exits if one fails: two upstreams on one socket, or
 * one on the admin port, would stop the VM's proxy. A listener beyond loopback serves the
 * network with the VM's identity, so it needs the explicit forwardingProxy switch.
 */
function socketProblems(d: DecoupledValues, at: At): Problem[] {
  const problems: Problem[] = [];
  const sockets: Socket[] = [{ address: "127.0.0.1", port: d.envoy.adminPort, path: at("envoy", "adminPort"), owner: "the admin interface" }];
  d.upstreams.forEach((u, i) => {
    const path = at("upstreams", i, "listen");
    const { address, port } = parseListen(u.listen ?? defaultListen(u.port));
    if (!isIP(address)) problems.push({ path, message: `"${address}" is not an IPv4 or IPv6 address (got "${u.listen}")` });
    else if (!isLoopback(address) && !d.envoy.forwardingProxy) {
      problems.push({ path, message: `binds beyond loopback, where anyone who reaches it calls the mesh as this VM; set ${at("envoy", "forwardingProxy")}: true to mean it (got "${u.listen}")` });
    }
    if (port < 1 || port > 65535) problems.push({ path, message: `port ${port} is not from 1 to 65535 (got "${u.listen}")` });
    sockets.push({ address: address === "::" ? ANY : address, port, path: u.listen === undefined ? at("upstreams", i, "port") : path, owner: "" });
  });
  d.serve?.ports.forEach((p, i) => {
    sockets.push({ address: ANY, port: p.number, path: at("serve", "ports", i, "number"), owner: "" });
    sockets.push({ address: "127.0.0.1", port: p.targetPort, path: at("serve", "ports", i, "targetPort"), owner: "the app" });
  });
  for (const [j, b] of sockets.entries()) {
    const a = sockets.slice(0, j).find((s) => clashes(s, b) && !(s.owner === "the app" && b.owner === "the app"));
    if (!a) continue;
    const what = a.owner ? `${a.owner} (${a.path})` : a.path;
    problems.push({ path: b.path, message: `${describe(b)} is also bound by ${what}; Envoy would fail to start` });
  }
  return problems;
}

/** cert-manager's webhook rules for the two durations (its CRD does not carry them). */
function certificateProblems(d: DecoupledValues, at: At): Problem[] {
  if (!d.certificate) return [];
  const { duration, renewBefore } = d.certificate;
  const problems: Problem[] = [];
  const hour = 3600;
  if (seconds(duration) < hour) problems.push({ path: at("certificate", "duration"), message: `must be at least 1h, as cert-manager requires (got "${duration}")` });
  if (seconds(renewBefore) >= seconds(duration)) problems.push({ path: at("certificate", "renewBefore"), message: `must be shorter than ${at("certificate", "duration")} (${duration}), or cert-manager renews without end (got "${renewBefore}")` });
  return problems;
}

/** A Go duration of the schema's certDuration form, in seconds. */
export function seconds(duration: string): number {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const m of duration.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}
