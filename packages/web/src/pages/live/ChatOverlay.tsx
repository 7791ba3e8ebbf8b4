import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatLine } from './live-state';
import { MAX_COMMENT_CHARS } from './live-socket';

/** Comments scrolling bottom-left over the video; the newest at the bottom. */
export function ChatOverlay({ lines }: { lines: ChatLine[] }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <ol className="live-chat" ref={list} data-testid="live-comments" aria-live="off">
      {lines.map((c) => (
        <li key={c.id} className="live-chat-line">
          <span className="live-chat-name">{c.userName}</span>
          <span className="live-chat-text">{c.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** 说点什么: one line, sent over the room's socket; false from onSend keeps the text (offline). */
export function ChatInput({ onSend, disabled }: { onSend(text: string): boolean; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (onSend(text)) setText('');
  }
  return (
    <form className="live-say" onSubmit={submit}>
      <input
        className="live-say-input"
        value={text}
        maxLength={MAX_COMMENT_CHARS}
        placeholder={disabled ? t('live.signInToChat') : t('live.say')}
        aria-label={t('live.say')}
        onChange={(e) => setText(e.target.value)}
        data-testid="live-say"
      />
    </form>
  );
}
