import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@/lib/realtime/channels';
import { emptyTranscript, mergeMessages } from './transcript-merge';

const msg = (seq: number): MessageDto => ({
  id: `m${seq}`,
  interactionId: 'i1',
  seq,
  visibility: 'EVERYONE',
  kind: 'TEXT',
  senderType: 'CONTACT',
  senderUserId: null,
  senderName: 'Jo',
  event: null,
  eventData: null,
  text: `text ${seq}`,
  clientId: null,
  thread: null,
  createdAt: new Date(0).toISOString(),
});
const seqs = (s: { messages: MessageDto[] }) => s.messages.map((m) => m.seq);

describe('mergeMessages', () => {
  it('appends in order', () => {
    const s = mergeMessages(emptyTranscript(), [msg(1), msg(2)]);
    expect(seqs(s)).toEqual([1, 2]);
    expect(s.missingAfter).toBeNull();
  });
  it('drops duplicates', () => {
    const s1 = mergeMessages(emptyTranscript(), [msg(1), msg(2)]);
    const s2 = mergeMessages(s1, [msg(2), msg(1), msg(2)]);
    expect(seqs(s2)).toEqual([1, 2]);
  });
  it('sorts out-of-order arrivals', () => {
    expect(seqs(mergeMessages(emptyTranscript(), [msg(3), msg(1), msg(2)]))).toEqual([1, 2, 3]);
  });
  it('holds messages past a gap and asks for the gap', () => {
    const s = mergeMessages(mergeMessages(emptyTranscript(), [msg(1)]), [msg(4)]);
    expect(seqs(s)).toEqual([1]);
    expect(s.held.map((m) => m.seq)).toEqual([4]);
    expect(s.missingAfter).toBe(1);
    const filled = mergeMessages(s, [msg(2), msg(3)]);
    expect(seqs(filled)).toEqual([1, 2, 3, 4]);
    expect(filled.held).toEqual([]);
    expect(filled.missingAfter).toBeNull();
  });
});
