// X2 against real PostgreSQL: per-interaction seq with no gap or repeat, idempotent client ids,
// and the internal stream kept apart from the contact's.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await loadFixtures();
});
beforeEach(async () => {
  await f.reset();
});

async function storedSeqs(interactionId: string, visibility: 'EVERYONE' | 'INTERNAL' = 'EVERYONE') {
  const rows = await f.db.message.findMany({ where: { interactionId, visibility }, select: { seq: true }, orderBy: { seq: 'asc' } });
  return rows.map((r) => r.seq);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('appendMessage sequencing (X2)', () => {
  it('gives 50 concurrent contact sends to one chat the seqs 1…50, contiguous and unique', async () => {
    const { chatId, secret } = await f.newChat('Concurrent Carla');
    const before = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true } });

    const sent = await Promise.all(
      range(1, 50).map((i) => f.contactChat.contactSend(chatId, secret, { clientId: cid('burst'), text: `message ${i}` })),
    );

    const seqs = sent.map((m) => m.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs).toEqual(range(before.lastSeq + 1, before.lastSeq + 50));

    const stored = await storedSeqs(chatId);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored).toEqual(range(1, stored.length));
    const after = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true } });
    expect(after.lastSeq).toBe(stored.length);
    expect(await f.db.message.count({ where: { interactionId: chatId, senderType: 'CONTACT' } })).toBe(50);
  });

  it('keeps seqs contiguous when contact and agent write to one chat at the same time', async () => {
    const { agent1 } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    await Promise.all(
      range(1, 30).map((i) =>
        i % 2
          ? f.contactChat.contactSend(chatId, secret, { clientId: cid('mix-c'), text: `from contact ${i}` })
          : f.agentChat.agentSend(agent1, chatId, { clientId: cid('mix-a'), text: `from agent ${i}` }),
      ),
    );
    const stored = await storedSeqs(chatId);
    expect(stored).toEqual(range(1, stored.length)); // joined (system) + 30 texts
    expect(stored.length).toBe(31);
  });
});

describe('client id idempotency (X2, A3)', () => {
  it('stores a retried client id once, sequentially and under 10 concurrent retries, without burning a seq', async () => {
    const { chatId, secret } = await f.newChat('Retry Rita');
    const send = (clientId: string, text: string) => f.contactChat.contactSend(chatId, secret, { clientId, text });

    // Sequential retry.
    const seqId = cid('retry-seq');
    const first = await send(seqId, 'hello');
    const again = await send(seqId, 'hello');
    expect(again.id).toBe(first.id);
    expect(again.seq).toBe(first.seq);

    // Concurrent retries of one send.
    const burstId = cid('retry-burst');
    const results = await Promise.all(range(1, 10).map(() => send(burstId, 'are you there?')));
    expect(new Set(results.map((m) => m.id)).size).toBe(1);
    expect(new Set(results.map((m) => m.seq)).size).toBe(1);
    expect(results[0]!.seq).toBe(first.seq + 1);

    expect(await f.db.message.count({ where: { interactionId: chatId, clientId: seqId } })).toBe(1);
    expect(await f.db.message.count({ where: { interactionId: chatId, clientId: burstId } })).toBe(1);

    // The retries did not advance the counter: the next new message follows directly.
    const next = await send(cid('retry-next'), 'next');
    expect(next.seq).toBe(results[0]!.seq + 1);
    const stored = await storedSeqs(chatId);
    expect(stored).toEqual(range(1, stored.length));
    expect(stored.length).toBe(3);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true } });
    expect(row.lastSeq).toBe(3);
  });

  it('applies the same idempotency to agent sends (appendMessage directly, concurrent)', async () => {
    const { agent1 } = f.agents;
    const { chatId } = await f.activeFor(agent1);
    const clientId = cid('agent-retry');
    const results = await Promise.all(
      range(1, 10).map(() =>
        f.messages.appendMessage({
          interactionId: chatId,
          clientId,
          senderType: 'AGENT',
          senderUserId: agent1.id,
          senderName: 'Alex',
          text: 'one moment',
          allowedStatuses: ['ACTIVE'],
        }),
      ),
    );
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await f.db.message.count({ where: { interactionId: chatId, clientId } })).toBe(1);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true } });
    expect(row.lastSeq).toBe(results[0]!.message.seq);
    expect(await storedSeqs(chatId)).toEqual(range(1, row.lastSeq));
  });

  it('refuses a send to a closed chat without taking a seq', async () => {
    const { chatId, secret } = await f.newChat('Closed Cleo');
    await f.contactChat.contactSend(chatId, secret, { clientId: cid('closed'), text: 'hi' });
    await f.contactChat.contactEnd(chatId, secret);
    const before = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true, status: true } });
    expect(before.status).toBe('DONE'); // never taken by an agent
    expect(await errorCode(() => f.contactChat.contactSend(chatId, secret, { clientId: cid('closed'), text: 'late' }))).toBe('chatClosed');
    const after = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true } });
    expect(after.lastSeq).toBe(before.lastSeq);
  });
});

describe('internal visibility', () => {
  it('keeps internal messages out of the contact transcript and off the contact seq', async () => {
    const { agent1 } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    const c1 = await f.contactChat.contactSend(chatId, secret, { clientId: cid('int'), text: 'question' });
    const before = await f.contactChat.contactChatState(chatId, secret, 0);

    const internal = await f.messages.appendMessage({
      interactionId: chatId,
      visibility: 'INTERNAL',
      senderType: 'AGENT',
      senderUserId: agent1.id,
      senderName: 'Alex',
      text: 'internal: check the billing system',
      allowedStatuses: ['ACTIVE'],
    });
    expect(internal.message.visibility).toBe('INTERNAL');
    expect(internal.message.seq).toBe(1); // its own stream

    const state = await f.contactChat.contactChatState(chatId, secret, 0);
    expect(state.messages.map((m) => m.id)).not.toContain(internal.message.id);
    expect(state.messages.every((m) => m.visibility === 'EVERYONE')).toBe(true);
    expect(state.messages.some((m) => m.text.includes('billing system'))).toBe(false);
    expect(state.lastSeq).toBe(before.lastSeq);

    // The next contact-visible message follows with no gap the contact could never fill.
    const c2 = await f.contactChat.contactSend(chatId, secret, { clientId: cid('int'), text: 'still there?' });
    expect(c2.seq).toBe(c1.seq + 1);
    const seqs = (await f.contactChat.contactChatState(chatId, secret, 0)).messages.map((m) => m.seq);
    expect(seqs).toEqual(range(1, seqs.length));
    // Nor does the agent's transcript (EVERYONE stream) contain it.
    const detail = await f.agentChat.interactionDetail(agent1, chatId);
    expect(detail.messages.map((m) => m.id)).not.toContain(internal.message.id);
  });
});
