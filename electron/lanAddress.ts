import type { NetworkInterfaceInfo } from 'node:os'

/** Interface names of tunnels, VPNs, containers and virtual machines: not the room's network. */
const VIRTUAL = /^(lo|utun|tun|tap|wg|ppp|ipsec|zt|tailscale|docker|veth|br-|virbr|vboxnet|vmnet|vEthernet|awdl|llw|bridge)/i

/** RFC 1918 private ranges: a venue's Wi-Fi or a laptop's hotspot hands out one of these. */
const privateRank = (address: string): number => {
  const [a = 0, b = 0] = address.split('.').map(Number)
  if (a === 192 && b === 168) return 0
  if (a === 10) return 1
  if (a === 172 && b >= 16 && b <= 31) return 2
  return 3
}

/**
 * The address participants reach this laptop at: an IPv4 address of a physical interface,
 * not loopback, not a VPN, container or VM bridge, and not link-local (169.254: no DHCP
 * answered); private ranges first (192.168, then 10, then 172.16-31). Null when there is
 * none (no network: the session stays on this computer).
 */
export const lanAddress = (interfaces: Record<string, NetworkInterfaceInfo[] | undefined>): string | null => {
  const candidates = Object.entries(interfaces)
    .filter(([name]) => !VIRTUAL.test(name))
    .flatMap(([name, infos]) => (infos ?? []).map((info) => ({ name, info })))
    .filter(({ info }) => info.family === 'IPv4' && !info.internal && !info.address.startsWith('169.254.'))
    .sort((x, y) => privateRank(x.info.address) - privateRank(y.info.address) || x.name.localeCompare(y.name))
  return candidates[0]?.info.address ?? null
}
