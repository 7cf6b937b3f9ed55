import { useSyncExternalStore } from 'react'
import { z } from 'zod'
import { colorFor } from '../../shared/index.js'

const Profile = z.object({ name: z.string().trim().min(1).max(120), org: z.string().max(200) })
export type Profile = z.infer<typeof Profile>

const KEY = 'jointplan.profile'
const listeners = new Set<() => void>()
let cached: { raw: string | null; profile: Profile } | null = null

const fallback = (): Profile => ({ name: `Participant ${Math.floor(1000 + Math.random() * 9000)}`, org: '' })

/** Who this person is, kept on this device; shown to others through presence. */
export const readProfile = (): Profile => {
  const raw = localStorage.getItem(KEY)
  if (cached && cached.raw === raw) return cached.profile
  let parsed: Profile | null
  try {
    const result = Profile.safeParse(JSON.parse(raw ?? 'null'))
    parsed = result.success ? result.data : null
  } catch {
    parsed = null
  }
  const profile = parsed ?? fallback()
  if (!parsed) localStorage.setItem(KEY, JSON.stringify(profile))
  cached = { raw: localStorage.getItem(KEY), profile }
  return profile
}

export const saveProfile = (profile: Profile): boolean => {
  const parsed = Profile.safeParse(profile)
  if (!parsed.success) return false
  localStorage.setItem(KEY, JSON.stringify(parsed.data))
  listeners.forEach((l) => l())
  return true
}

export const useProfile = (): Profile & { color: string } => {
  const profile = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    readProfile,
  )
  return { ...profile, color: colorFor(profile.name + profile.org) }
}
