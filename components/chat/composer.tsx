'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { MessageSquareText, Send } from 'lucide-react';
import { MESSAGE_MAX } from '@/lib/interactions/core/schemas';
import { expandPlaceholders, type PlaceholderValues } from '@/lib/responses/placeholders';
import { Button } from '@/components/ui/button';
import { ResponsePicker, type ResponseOption } from './response-picker';
import { AttachInput, FilePicker, type ComposerAttach, useComposerFiles } from './composer-files';
import { useDropZone } from './drop-zone';
import type { AttachmentRef } from '@/lib/realtime/channels';

/** Standard responses offered in this composer (A15), with the values of their placeholders. */
export interface ComposerResponses {
  responses: ResponseOption[];
  values: PlaceholderValues;
}

/**
 * A3: multi-line input, Enter sends, Shift+Enter breaks the line, a counter against the limit.
 * The draft survives a reload. Typing notices are throttled: one "typing" per few seconds and
 * one "stopped" after a pause.
 */
export function Composer(props: {
  draftKey: string;
  disabled?: boolean;
  onSend: (text: string, attachments?: AttachmentRef[]) => void;
  /** Attachments: how this composer uploads a file; absent = no "Attach file" control. */
  attach?: ComposerAttach;
  onTyping?: (typing: boolean) => void;
  responses?: ComposerResponses | null;
  /** Accessible names when a page has a second composer (e.g. coaching); default "Message" / "Send". */
  label?: string;
  sendLabel?: string;
}) {
  const t = useTranslations('common');
  const tw = useTranslations('workspace');
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  // A15: where the standard response goes: replacing the "/" typed at `slashAt`, or at the caret.
  const [picker, setPicker] = useState<{ slashAt: number | null; caret: number } | null>(null);
  const caretAfter = useRef<number | null>(null);
  const counterId = useId();
  const typingState = useRef({ on: false, lastSent: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  const onTyping = props.onTyping;
  const files = useComposerFiles(props.attach);
  // Inside a drop zone (the transcript and this composer), the zone takes drops and pasted files.
  const inZone = useDropZone(props.attach ? files.add : null);

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

  const onChange = (value: string, caret: number) => {
    update(value);
    // Typing "/" at the start or after a space opens the standard responses.
    if (props.responses && caret > 0 && value[caret - 1] === '/' && value.length === text.length + 1 && (caret === 1 || /\s/.test(value[caret - 2]!))) {
      setPicker({ slashAt: caret - 1, caret });
    }
  };

  const pick = (r: ResponseOption) => {
    if (!picker || !props.responses) return;
    const inserted = expandPlaceholders(r.text, props.responses.values);
    const from = picker.slashAt ?? picker.caret;
    const to = picker.slashAt !== null ? picker.slashAt + 1 : picker.caret;
    update(text.slice(0, from) + inserted + text.slice(to));
    caretAfter.current = from + inserted.length;
    setPicker(null);
  };

  const submit = () => {
    const value = text.trim();
    const ready = files.ready;
    if ((!value && ready.length === 0) || value.length > MESSAGE_MAX || props.disabled || files.busy) return;
    props.onSend(value, ready.length ? ready : undefined);
    files.clear();
    update('');
  };

  const over = text.length > MESSAGE_MAX;
  const area = (
    <textarea
      ref={input}
      id={`${counterId}-input`}
      aria-describedby={counterId}
      rows={3}
      className="w-full resize-y rounded border border-slate-300 p-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
      value={text}
      disabled={props.disabled}
      onChange={(e) => onChange(e.target.value, e.target.selectionStart ?? e.target.value.length)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault();
          submit();
        }
      }}
    />
  );
  const field = !props.responses ? (
    area
  ) : (
    <ResponsePicker
      open={picker !== null}
      onOpenChange={(o) => !o && setPicker(null)}
      responses={props.responses.responses}
      onPick={pick}
      anchor={area}
      onClosed={() => {
        const el = input.current;
        if (!el) return;
        el.focus();
        const at = caretAfter.current ?? el.value.length;
        el.setSelectionRange(at, at);
        caretAfter.current = null;
      }}
    />
  );
  return (
    <form
      className="flex flex-col gap-1 border-t border-slate-200 bg-white p-2"
      onPaste={(e) => !inZone && props.attach && e.clipboardData.files.length > 0 && files.add(Array.from(e.clipboardData.files))}
      onDragOver={(e) => !inZone && props.attach && e.preventDefault()}
      onDrop={(e) => {
        if (inZone || !props.attach) return;
        e.preventDefault();
        files.add(Array.from(e.dataTransfer.files));
      }}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="sr-only" htmlFor={`${counterId}-input`}>
        {props.label ?? t('message')}
      </label>
      {field}
      {props.attach && <FilePicker files={files} />}
      <div className="flex items-center justify-between">
        <span id={counterId} className={`text-xs ${over ? 'font-semibold text-red-700' : 'text-slate-600'}`}>
          {t('charCount', { count: text.length, max: MESSAGE_MAX })}
        </span>
        <span className="flex items-center gap-2">
          {props.attach && <AttachInput files={files} disabled={props.disabled} />}
          {props.responses && (
            <Button
              className="inline-flex items-center gap-1"
              disabled={props.disabled}
              aria-keyshortcuts="/"
              onClick={() => {
                const el = input.current;
                setPicker({ slashAt: null, caret: el?.selectionStart ?? text.length });
              }}
            >
              <MessageSquareText aria-hidden className="size-4" />
              {tw('responses.button')}
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={props.disabled || (!text.trim() && files.ready.length === 0) || over || files.busy} className="inline-flex items-center gap-1">
            <Send aria-hidden className="size-4" />
            {props.sendLabel ?? t('send')}
          </Button>
        </span>
      </div>
    </form>
  );
}
