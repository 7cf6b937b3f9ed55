import { nanoid } from 'nanoid'

/** Ids are random and URL-safe, so any client can mint one offline without asking anyone. */
export const newId = (): string => nanoid(12)
