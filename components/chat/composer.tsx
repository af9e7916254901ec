'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { MESSAGE_MAX } from '@/lib/interactions/schemas';
import { Button } from '@/components/ui/button';

/**
 * A3: multi-line input, Enter sends, Shift+Enter breaks the line, a counter against the limit.
 * The draft survives a reload. Typing notices are throttled: one "typing" per few seconds and
 * one "stopped" after a pause.
 */
export function Composer(props: {
  draftKey: string;
  disabled?: boolean;
  onSend: (text: string) => void;
  onTyping?: (typing: boolean) => void;
  /** Accessible names when a page has a second composer (e.g. coaching); default "Message" / "Send". */
  label?: string;
  sendLabel?: string;
}) {
  const t = useTranslations('common');
  const [text, setText] = useState('');
  const counterId = useId();
  const typingState = useRef({ on: false, lastSent: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  const onTyping = props.onTyping;

  useEffect(() => {
    try {
      setText(localStorage.getItem(props.draftKey) ?? '');
    } catch {
      setText('');
    }
  }, [props.draftKey]);

  const update = (value: string) => {
    setText(value);
    try {
      if (value) localStorage.setItem(props.draftKey, value);
      else localStorage.removeItem(props.draftKey);
    } catch {
      // drafts are a convenience
    }
    if (!onTyping) return;
    const s = typingState.current;
    const now = Date.now();
    if (value && (!s.on || now - s.lastSent > 3000)) {
      s.on = true;
      s.lastSent = now;
      onTyping(true);
    }
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      if (s.on) {
        s.on = false;
        onTyping(false);
      }
    }, value ? 2500 : 0);
  };

  const submit = () => {
    const value = text.trim();
    if (!value || value.length > MESSAGE_MAX || props.disabled) return;
    props.onSend(value);
    update('');
  };

  const over = text.length > MESSAGE_MAX;
  return (
    <form
      className="flex flex-col gap-1 border-t border-slate-200 bg-white p-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="sr-only" htmlFor={`${counterId}-input`}>
        {props.label ?? t('message')}
      </label>
      <textarea
        id={`${counterId}-input`}
        aria-describedby={counterId}
        rows={3}
        className="w-full resize-y rounded border border-slate-300 p-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
        value={text}
        disabled={props.disabled}
        onChange={(e) => update(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div className="flex items-center justify-between">
        <span id={counterId} className={`text-xs ${over ? 'font-semibold text-red-700' : 'text-slate-500'}`}>
          {t('charCount', { count: text.length, max: MESSAGE_MAX })}
        </span>
        <Button type="submit" variant="primary" disabled={props.disabled || !text.trim() || over}>
          {props.sendLabel ?? t('send')}
        </Button>
      </div>
    </form>
  );
}
