/**
 * One spelling per machine. An IPv6 address has many (`fd00::1`, `fd00:0::1`, `FD00:0:0::1`) and
 * a host name is case-insensitive (RFC 4343), so a fleet that lists one machine twice in two
 * spellings would get two VMs, two WorkloadEntries and two directories for it (issue 11). The
 * canonical form, RFC 5952 for IPv6 and lowercase for names, is what VM names are made from and
 * what duplicates are judged by; the address itself is still written as the user typed it.
 */

/** The 8 groups of an IPv6 address, or undefined when `s` is not one (a trailing dotted IPv4 counts for two). */
function ipv6Groups(s: string): number[] | undefined {
  if (!s.includes(":")) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups: number[] = [];
    const pieces = part.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(piece);
        if (!m || m.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith("0")))) return undefined;
        const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) groups.push(parseInt(piece, 16));
      else return undefined;
    }
    return groups;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const zeros = 8 - head.length - tail.length;
  return zeros >= 1 ? [...head, ...new Array<number>(zeros).fill(0), ...tail] : undefined;
}

/** RFC 5952: lowercase hex without leading zeros, the longest run (the first of equals) of two or more zero groups as `::`, IPv4-mapped addresses in dotted form (section 5). */
function canonicalIpv6(groups: readonly number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** The canonical spelling of an address or host name (anything else is returned as it is). */
export function canonicalHost(value: string): string {
  const groups = ipv6Groups(value);
  if (groups) return canonicalIpv6(groups);
  return value.toLowerCase();
}

/** `0.0.0.0` and `::` (in any spelling): "any address", which no machine has. */
export function isUnspecified(value: string): boolean {
  const groups = ipv6Groups(value);
  return groups ? groups.every((g) => g === 0) : value === "0.0.0.0";
}
