/** A BLOB/BYTEA column's Buffer seen as the bytes it holds, without a copy. */
export const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
