const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** True for a peer on this computer: the only place the local administrator's token works. */
export const isLoopback = (address: string | undefined): boolean => address !== undefined && LOOPBACK.has(address)
