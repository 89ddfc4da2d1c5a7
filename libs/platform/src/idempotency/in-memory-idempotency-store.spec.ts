import { InMemoryIdempotencyStore } from './idempotency-store';

describe('InMemoryIdempotencyStore', () => {
  it('tells a first use, a retry of the same request and a different request under the same key apart', async () => {
    const store = new InMemoryIdempotencyStore();
    expect((await store.claim('t', 'key-1', 'hash-a')).outcome).toBe('claimed');
    expect((await store.claim('t', 'key-1', 'hash-a')).outcome).toBe('same_request');
    expect((await store.claim('t', 'key-1', 'hash-b')).outcome).toBe('different_request');
  });

  it('keeps keys apart per tenant and per key', async () => {
    const store = new InMemoryIdempotencyStore();
    await store.claim('t', 'key-1', 'hash-a');
    expect((await store.claim('t', 'key-2', 'hash-b')).outcome).toBe('claimed');
    expect((await store.claim('other', 'key-1', 'hash-b')).outcome).toBe('claimed');
  });

  it('lets the key of a refused command go, so a corrected request may use it', async () => {
    const store = new InMemoryIdempotencyStore();
    await (await store.claim('t', 'key-1', 'hash-a')).refused();
    expect((await store.claim('t', 'key-1', 'hash-b')).outcome).toBe('claimed');
  });

  it('a retry that succeeds keeps the key its refused first request let go, unless another request took it meanwhile', async () => {
    const store = new InMemoryIdempotencyStore();
    const first = await store.claim('t', 'key-1', 'hash-a');
    const retry = await store.claim('t', 'key-1', 'hash-a');
    expect(retry.outcome).toBe('same_request');
    await first.refused();
    await retry.accepted();
    expect((await store.claim('t', 'key-1', 'hash-b')).outcome).toBe('different_request');

    const other = new InMemoryIdempotencyStore();
    const firstOther = await other.claim('t', 'key-1', 'hash-a');
    const retryOther = await other.claim('t', 'key-1', 'hash-a');
    await firstOther.refused();
    expect((await other.claim('t', 'key-1', 'hash-b')).outcome).toBe('claimed');
    await retryOther.accepted();
    expect((await other.claim('t', 'key-1', 'hash-b')).outcome).toBe('same_request');
  });
});
