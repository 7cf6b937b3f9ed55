import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { verifyVersion, VersionFile } from '../shared/versions.js'

const usage = 'usage: npm run verify -- FILE   (a version exported from JointPlan: "Export for verification")'

/**
 * Checks an exported version on this computer, with no server: every update's link in its
 * chain, the heads the version names, and the plan rebuilt from the updates. Exit 0 when it
 * verifies, 1 when it does not (and says where), 2 when the file is not a version file.
 */
const main = async (argv: string[]): Promise<number> => {
  const [path, ...rest] = argv
  if (!path || rest.length > 0) return fail(usage)
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const file = VersionFile.safeParse(value)
  if (!file.success) return fail(`${path} is not a JointPlan version file:\n${z.prettifyError(file.error)}`)
  const { version } = file.data
  const report = await verifyVersion(file.data, (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()))
  const place = version.place ? ` in ${version.place}` : ''
  console.log(`Version "${version.name}" of plan ${version.planId}, adopted on ${version.adoptedOn}${place} by ${version.createdBy.name} (${version.createdBy.org})`)
  console.log(`plan: ${version.plan.seq} updates, chain head ${version.plan.head}`)
  console.log(`discussion: ${version.discussion.seq} updates, chain head ${version.discussion.head}`)
  console.log(`content hash: ${report.contentHash}`)
  console.log(`"${report.title}", ${report.actions} actions`)
  console.log(report.verdicts.length === 0 ? 'no verdicts' : 'verdicts:')
  for (const v of report.verdicts) console.log(`  ${v.org} on "${v.actionTitle}": ${v.verdict}${v.note ? ` (${v.note})` : ''}, by ${v.by}`)
  if (report.ok) {
    console.log('VERIFIED: every update links to the one before, up to the heads the version names.')
    return 0
  }
  console.log('NOT VERIFIED:')
  for (const problem of report.problems) console.log(`  ${problem}`)
  return 1
}

const fail = (message: string): number => {
  console.error(message)
  return 2
}

process.exitCode = await main(process.argv.slice(2))
