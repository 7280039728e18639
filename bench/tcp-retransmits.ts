/**
 * TCP segments the kernel retransmitted, machine-wide (Linux /proc/net/snmp). On loopback a segment is only
 * resent when a receiver dropped it, and each drop costs the answer a loss probe or a 200 ms retransmission
 * timeout: bench:api prints the count beside its latencies, since that is where its longest ones come from
 * (wrk's sockets, with their small fresh receive buffers, drop 51 KB answers now and then). Undefined elsewhere.
 */
import { readFileSync } from 'node:fs';

export function tcpRetransmits(): number | undefined {
  try {
    const [names, values] = readFileSync('/proc/net/snmp', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('Tcp:'))
      .map((line) => line.split(/\s+/));
    const at = names.indexOf('RetransSegs');
    return at > 0 ? Number(values[at]) : undefined;
  } catch {
    return undefined;
  }
}
