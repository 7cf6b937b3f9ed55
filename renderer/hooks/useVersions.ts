import { useCallback, useEffect, useState } from 'react'
import { z } from 'zod'
import { Version, VersionFile, versionState } from '../../shared/index.js'
import { authorizedFetch } from './useIdentity.js'

const Versions = z.object({ versions: z.array(Version) })

/** The plan's adopted versions, newest first; null until the server answers (or when it cannot). */
export const useVersionList = (planId: string): { versions: Version[] | null; reload: () => Promise<void> } => {
  const [versions, setVersions] = useState<Version[] | null>(null)
  const reload = useCallback(async () => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/versions`).catch(() => null)
    const parsed = Versions.safeParse(await res?.json().catch(() => null))
    setVersions(parsed.success ? parsed.data.versions : null)
  }, [planId])
  useEffect(() => void reload(), [reload])
  return { versions, reload }
}

export type LoadedVersion = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; file: VersionFile; rebuilt: ReturnType<typeof versionState> }

/** One version's export, parsed and rebuilt into the plan and discussion as they were; nothing for a null id. */
export const useVersionFile = (planId: string, versionId: string | null): LoadedVersion => {
  const [loaded, setLoaded] = useState<LoadedVersion>({ state: 'loading' })
  useEffect(() => {
    if (versionId === null) return
    let live = true
    setLoaded({ state: 'loading' })
    void authorizedFetch(planId, `/api/plans/${planId}/versions/${versionId}/export`)
      .then((res) => res.json())
      .then((body: unknown) => {
        const file = VersionFile.safeParse(body)
        if (live) setLoaded(file.success ? { state: 'loaded', file: file.data, rebuilt: versionState(file.data) } : { state: 'failed' })
      })
      .catch(() => live && setLoaded({ state: 'failed' }))
    return () => {
      live = false
    }
  }, [planId, versionId])
  return loaded
}
