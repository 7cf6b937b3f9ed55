/**
 * The chain over a room's stored updates, so that anyone holding a copy of the log can
 * tell whether any update was altered, removed or reordered, without trusting the server.
 * Each link's hash is SHA-256 over `linkBytes`: the format's name, the room, the previous
 * link's hash (32 zero bytes before the first), the sequence number, the time, the author's
 * token id and the update itself, every variable part preceded by its length. SHA-256 is
 * the platform's (node:crypto on the server, WebCrypto elsewhere); this module only says
 * what is hashed and how links are checked.
 */
export const CHAIN_FORMAT = 'jointplan-log-chain-v1'
export const HASH_BYTES = 32
export const GENESIS: Uint8Array = new Uint8Array(HASH_BYTES)

export interface ChainLink {
  seq: number
  at: number
  /** The token id the update arrived with; null for the server itself. */
  author: string | null
  update: Uint8Array
}

export type Sha256 = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>

const encoder = new TextEncoder()

const uint32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n)
  return out
}

const uint64 = (n: number): Uint8Array => {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n))
  return out
}

const withLength = (bytes: Uint8Array): Uint8Array[] => [uint32(bytes.byteLength), bytes]

/** What a link's hash covers, byte by byte (recorded in docs/DESIGN.md). */
export const linkBytes = (room: string, previous: Uint8Array, link: ChainLink): Uint8Array => {
  const parts = [
    ...withLength(encoder.encode(CHAIN_FORMAT)),
    ...withLength(encoder.encode(room)),
    previous,
    uint64(link.seq),
    uint64(link.at),
    // 0: no author (the server); 1: a token id follows.
    new Uint8Array([link.author === null ? 0 : 1]),
    ...withLength(encoder.encode(link.author ?? '')),
    ...withLength(link.update),
  ]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

export type ChainCheck = { ok: true; head: Uint8Array; length: number } | { ok: false; seq: number; problem: string }

/**
 * Checks a room's links from the first: numbered 1, 2, 3… with none missing or out of
 * order, and each hash what its content and the previous hash give.
 */
export const checkChain = async (room: string, links: readonly (ChainLink & { hash: Uint8Array })[], sha256: Sha256): Promise<ChainCheck> => {
  let previous = GENESIS
  const present = new Set(links.map((link) => link.seq))
  for (const [index, link] of links.entries()) {
    const expected = index + 1
    if (link.seq !== expected) {
      const problem = present.has(expected) ? `update ${link.seq} is out of order (expected ${expected})` : `update ${expected} is missing`
      return { ok: false, seq: link.seq, problem }
    }
    const hash = await sha256(linkBytes(room, previous, link))
    if (toHex(hash) !== toHex(link.hash)) return { ok: false, seq: link.seq, problem: `update ${link.seq} does not match its hash: it was altered, or an earlier one was` }
    previous = hash
  }
  return { ok: true, head: previous, length: links.length }
}
