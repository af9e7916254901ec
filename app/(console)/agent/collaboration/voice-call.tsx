'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type Pusher from 'pusher-js';
import { Mic, MicOff, Phone, PhoneIncoming, PhoneOff } from 'lucide-react';
import { channels, events, type VoiceSignal, type VoiceSignalType } from '@/lib/realtime/channels';
import { useEvent } from '@/components/chat/use-realtime';
import { Button } from '@/components/ui/button';

type CallState = 'idle' | 'ringingOut' | 'ringingIn' | 'connecting' | 'connected' | 'declined' | 'ended' | 'failed';

/**
 * T4 voice consultation between two agents: WebRTC audio browser to browser, signalled through
 * the app (POST /api/interactions/{id}/voice → the other agent's private-user channel). Ringing,
 * accept/decline, mute, hang-up and the call's duration.
 */
export function VoiceCall(props: { interactionId: string; me: string; pusher: Pusher | null; peer: { id: string; name: string } | null }) {
  const t = useTranslations('collaboration');
  const [state, setState] = useState<CallState>('idle');
  const [caller, setCaller] = useState<string>('');
  const [muted, setMuted] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const call = useRef<{ id: string; peer: string; pc: RTCPeerConnection | null; stream: MediaStream | null; pendingIce: RTCIceCandidateInit[] } | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const ice = useRef<RTCIceServer[] | null>(null);
  const base = `/api/interactions/${encodeURIComponent(props.interactionId)}/voice`;

  const signal = useCallback(
    async (to: string, callId: string, type: VoiceSignalType, data?: VoiceSignal['data']) => {
      await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callId, to, type, ...(data ? { data } : {}) }) }).catch(() => undefined);
    },
    [base],
  );

  const cleanup = useCallback((next: CallState) => {
    const c = call.current;
    c?.pc?.close();
    c?.stream?.getTracks().forEach((tr) => tr.stop());
    call.current = null;
    setMuted(false);
    setStartedAt(null);
    setState(next);
  }, []);
  useEffect(() => () => cleanup('ended'), [cleanup]);

  useEffect(() => {
    if (state !== 'connected') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state]);

  /** The microphone and a peer connection whose ICE candidates and remote audio are wired up. */
  const connect = useCallback(async () => {
    const c = call.current!;
    if (!ice.current) {
      const res = await fetch(base, { cache: 'no-store' });
      ice.current = res.ok ? ((await res.json()) as { iceServers: RTCIceServer[] }).iceServers : [];
    }
    c.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const pc = new RTCPeerConnection({ iceServers: ice.current });
    c.pc = pc;
    c.stream.getTracks().forEach((tr) => pc.addTrack(tr, c.stream!));
    pc.onicecandidate = (e) => {
      if (e.candidate) void signal(c.peer, c.id, 'ice', { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex });
    };
    pc.ontrack = (e) => {
      if (audio.current) audio.current.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    };
    pc.onconnectionstatechange = () => {
      if (call.current?.pc !== pc) return;
      if (pc.connectionState === 'connected') {
        setStartedAt((s) => s ?? Date.now());
        setState('connected');
      } else if (pc.connectionState === 'failed') {
        void signal(c.peer, c.id, 'hangup');
        cleanup('failed');
      }
    };
    return pc;
  }, [base, signal, cleanup]);

  const flushIce = async (pc: RTCPeerConnection) => {
    const c = call.current;
    if (!c) return;
    for (const cand of c.pendingIce.splice(0)) await pc.addIceCandidate(cand).catch(() => undefined);
  };

  const mine = props.pusher?.channel(channels.user(props.me)) ?? null;
  useEvent<VoiceSignal>(mine, events.voice, (s) => {
    if (s.interactionId !== props.interactionId) return;
    void (async () => {
      const c = call.current;
      if (s.type === 'ring') {
        if (c) return void signal(s.from, s.callId, 'decline'); // busy
        call.current = { id: s.callId, peer: s.from, pc: null, stream: null, pendingIce: [] };
        setCaller(s.fromName);
        setState('ringingIn');
        return;
      }
      if (!c || c.id !== s.callId || c.peer !== s.from) return;
      try {
        if (s.type === 'accept') {
          setState('connecting');
          const pc = await connect();
          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          await signal(c.peer, c.id, 'offer', { sdp: offer.sdp ?? '' });
        } else if (s.type === 'offer' && c.pc) {
          await c.pc.setRemoteDescription({ type: 'offer', sdp: s.data?.sdp ?? '' });
          await flushIce(c.pc);
          const answer = await c.pc.createAnswer();
          await c.pc.setLocalDescription(answer);
          await signal(c.peer, c.id, 'answer', { sdp: answer.sdp ?? '' });
        } else if (s.type === 'answer' && c.pc) {
          await c.pc.setRemoteDescription({ type: 'answer', sdp: s.data?.sdp ?? '' });
          await flushIce(c.pc);
        } else if (s.type === 'ice' && s.data?.candidate !== undefined) {
          const cand = { candidate: s.data.candidate, sdpMid: s.data.sdpMid ?? null, sdpMLineIndex: s.data.sdpMLineIndex ?? null };
          if (c.pc?.remoteDescription) await c.pc.addIceCandidate(cand).catch(() => undefined);
          else c.pendingIce.push(cand);
        } else if (s.type === 'decline') {
          cleanup('declined');
        } else if (s.type === 'hangup') {
          cleanup('ended');
        }
      } catch {
        void signal(c.peer, c.id, 'hangup');
        cleanup('failed');
      }
    })();
  });

  const start = async () => {
    if (!props.peer || call.current) return;
    call.current = { id: `call-${crypto.randomUUID()}`, peer: props.peer.id, pc: null, stream: null, pendingIce: [] };
    setState('ringingOut');
    await signal(props.peer.id, call.current.id, 'ring');
  };
  const accept = async () => {
    const c = call.current;
    if (!c) return;
    setState('connecting');
    try {
      await connect();
      await signal(c.peer, c.id, 'accept');
    } catch {
      void signal(c.peer, c.id, 'hangup');
      cleanup('failed');
    }
  };
  const decline = () => {
    const c = call.current;
    if (c) void signal(c.peer, c.id, 'decline');
    cleanup('idle');
  };
  const hangUp = () => {
    const c = call.current;
    if (c) void signal(c.peer, c.id, 'hangup');
    cleanup('ended');
  };
  const toggleMute = () => {
    const next = !muted;
    call.current?.stream?.getAudioTracks().forEach((tr) => (tr.enabled = !next));
    setMuted(next);
  };

  const seconds = startedAt ? Math.max(0, Math.floor((now - startedAt) / 1000)) : 0;
  const duration = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const inCall = state === 'ringingOut' || state === 'connecting' || state === 'connected';
  const statusText =
    state === 'ringingOut'
      ? t('voice.ringing', { name: props.peer?.name ?? '' })
      : state === 'ringingIn'
        ? t('voice.incoming', { name: caller })
        : state === 'connecting'
          ? t('voice.connecting')
          : state === 'connected'
            ? t('voice.connected')
            : state === 'declined'
              ? t('voice.declined')
              : state === 'ended'
                ? t('voice.ended')
                : state === 'failed'
                  ? t('voice.failed')
                  : '';

  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <audio ref={audio} autoPlay />
      {(state === 'idle' || state === 'declined' || state === 'ended' || state === 'failed') && props.peer && (
        <Button className="inline-flex items-center gap-1" onClick={() => void start()}>
          <Phone aria-hidden className="size-4" />
          {t('voice.call')}
        </Button>
      )}
      {state === 'ringingIn' && (
        <>
          <Button variant="primary" className="inline-flex items-center gap-1" onClick={() => void accept()}>
            <PhoneIncoming aria-hidden className="size-4" />
            {t('voice.accept')}
          </Button>
          <Button className="inline-flex items-center gap-1" onClick={decline}>
            <PhoneOff aria-hidden className="size-4" />
            {t('voice.decline')}
          </Button>
        </>
      )}
      {inCall && (
        <>
          <Button className="inline-flex items-center gap-1" aria-pressed={muted} disabled={state !== 'connected'} onClick={toggleMute}>
            {muted ? <MicOff aria-hidden className="size-4" /> : <Mic aria-hidden className="size-4" />}
            {t('voice.mute')}
          </Button>
          <Button variant="danger" className="inline-flex items-center gap-1" onClick={hangUp}>
            <PhoneOff aria-hidden className="size-4" />
            {t('voice.hangUp')}
          </Button>
        </>
      )}
      <span role="status" className="text-xs text-slate-800">
        {statusText}
      </span>
      {state === 'connected' && (
        <span role="timer" aria-label={t('voice.duration')} className="font-mono text-xs">
          {duration}
        </span>
      )}
    </div>
  );
}
