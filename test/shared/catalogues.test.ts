import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../../shared/messages')
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
const load = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>

const flatten = (node: Record<string, unknown>, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v)
  }
  return out
}

/** The arguments a message uses: a translation must fill the same ones as the English. */
const argumentsOf = (elements: MessageFormatElement[], into = new Set<string>()): Set<string> => {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date) into.add(el.value)
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value)
      for (const option of Object.values(el.options)) argumentsOf(option.value, into)
    }
  }
  return into
}

const english = flatten(load('en.json'))

describe('catalogues', () => {
  it('include the seven languages of the plan’s people', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual(expect.arrayContaining(['en', 'fil', 'id', 'ja', 'km', 'th', 'vi']))
  })

  it.each(files)('%s has every key of English, no other key, and messages that parse with the same arguments', (file) => {
    const messages = flatten(load(file))
    expect([...messages.keys()].filter((k) => !english.has(k))).toEqual([])
    expect([...english.keys()].filter((k) => !messages.has(k))).toEqual([])
    for (const [key, text] of messages) {
      let elements: MessageFormatElement[]
      try {
        elements = parse(text)
      } catch (error) {
        throw new Error(`${file} ${key}: ${(error as Error).message}: ${text}`, { cause: error })
      }
      expect({ key, args: [...argumentsOf(elements)].sort() }).toEqual({ key, args: [...argumentsOf(parse(english.get(key) ?? ''))].sort() })
      expect(text.trim(), `${file} ${key} is empty`).not.toBe('')
    }
  })

  it.each(files.filter((f) => f !== 'en.json'))('%s is translated, not English copied', (file) => {
    const messages = flatten(load(file))
    const same = [...messages].filter(([key, text]) => text === english.get(key) && /[a-z]{4,}/.test(text))
    // Names and codes may stay as they are; whole sentences may not.
    expect(same.filter(([, text]) => text.split(' ').length > 2)).toEqual([])
  })
})
