interface Bucket {
  tokens: number
  at: number
}

/** Buckets idle this long are full again and are forgotten, so the map stays bounded by recent keys. */
const BUCKET_IDLE_MS = 60_000

/**
 * Token buckets by key (an address, an invite): `take(key)` spends one unit if the key has
 * one, refilled at `perSecond` up to `burst`.
 */
export class RateBuckets {
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep = 0

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    this.sweep(now)
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < BUCKET_IDLE_MS) return
    this.lastSweep = now
    for (const [key, bucket] of this.buckets) if (now - bucket.at > BUCKET_IDLE_MS) this.buckets.delete(key)
  }
}
