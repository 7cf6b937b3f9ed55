import { describe, expect, it } from 'vitest'
import { readPastedLink } from '../../renderer/app/route.js'

const here = 'http://127.0.0.1:41730'

describe('a pasted link', () => {
  it('leads to a place on this server, with the invite it carries', () => {
    expect(readPastedLink(`${here}/#/plan/p1?token=abc`, here)).toEqual({ kind: 'here', route: { view: 'board', planId: 'p1' }, token: 'abc' })
    expect(readPastedLink('  p1 ', here)).toEqual({ kind: 'here', route: { view: 'board', planId: 'p1' }, token: null })
    expect(readPastedLink(`${here}/j/7kq2mx4p`, here)).toEqual({ kind: 'here', route: { view: 'join', code: '7KQ2MX4P' }, token: null })
  })

  it('leads to another laptop’s server as it is, and never through a disguise or another scheme', () => {
    expect(readPastedLink('http://192.168.1.40:41730/#/plan/p9?token=t', here)).toEqual({ kind: 'elsewhere', url: 'http://192.168.1.40:41730/#/plan/p9?token=t' })
    expect(readPastedLink('http://192.168.1.40:41730/j/7KQ2MX4P', here)).toMatchObject({ kind: 'elsewhere' })
    for (const bad of ['http://ilo.org@evil.example/#/plan/p1', 'javascript:alert(1)//#/plan/p1', 'file:///etc/passwd#/plan/p1', `${here}/#/`, 'not a link']) {
      expect(readPastedLink(bad, here)).toBeNull()
    }
  })
})
