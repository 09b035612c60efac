import { istiodHost } from "./istiod.js";

/**
 * The VM's hosts lines: a port of `createHosts` in istioctl/pkg/workload/workload.go (istio/istio
 * 86c9f01fd73). With --ingressIP an IP address, istiod's host is mapped to it, so the VM reaches
 * istiod through the gateway: `<ip> istiod[-<revision>].<namespace>.svc`. Otherwise istioctl writes
 * an empty file (it cannot put a DNS name in /etc/hosts, and warns): no line. Each line as
 * [address, host name].
 */
export function createHosts(ingress: string, isIP: (s: string) => boolean, systemNamespace: string, revision: string): [string, string][] {
  return isIP(ingress) ? [[ingress, istiodHost(systemNamespace, revision)]] : [];
}
