import pg from 'pg'

/** PostgreSQL's BIGINT columns read as numbers: sequence numbers and milliseconds stay far below 2^53. */
export const pgTypes = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser }
