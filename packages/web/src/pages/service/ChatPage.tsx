import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { MAX_MESSAGE_CHARS, serviceApi } from '../../api/service';
import { ErrorNote, useErrorText } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { MessageBubble } from './MessageBubble';
import { useChat } from './useChat';
import './service.css';

const cardKind = (k: string): boolean => k === 'product' || k === 'order' || k === 'aftersales';

/** The buyer's chat with a shop (/app/service/:conversationId): bubbles and cards, the input bar at the bottom, the rating once answered. */
export function ChatPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { conversationId = '' } = useParams();
  const chat = useChat(conversationId);
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const conv = chat.conversation;
  // The rating is offered once the conversation goes quiet: the shop has answered and nothing of the buyer's waits.
  const lastMessage = chat.messages[chat.messages.length - 1];
  const quiet =
    chat.pending.length === 0 && lastMessage !== undefined && lastMessage.side === 'shop' && !lastMessage.auto;

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.messages.length, chat.pending.length]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    try {
      await chat.send({ kind: 'text', text: value });
      setNotice(null);
    } catch (err) {
      setNotice(errorText(err));
    }
  }

  async function pickImage(file: File | undefined) {
    if (!file) return;
    try {
      const img = await serviceApi.uploadImage(file, file.name);
      await chat.send({ kind: 'image', imageId: img.id });
    } catch (err) {
      setNotice(errorText(err));
    }
  }

  async function rate(stars: number) {
    try {
      await chat.rate(stars);
      setNotice(t('service.rated'));
    } catch (err) {
      if (err instanceof ApiError && err.is('ALREADY_RATED'))
        chat.setConversation((c) => (c ? { ...c, canRate: false } : c));
      setNotice(errorText(err));
    }
  }

  async function sendCard() {
    if (!conv?.sourceId) return;
    const key = conv.sourceKind === 'product' ? 'productId' : conv.sourceKind === 'order' ? 'orderId' : 'caseId';
    try {
      await chat.send({ kind: conv.sourceKind as 'product' | 'order' | 'aftersales', [key]: conv.sourceId });
    } catch (err) {
      setNotice(errorText(err));
    }
  }

  async function toggleBlock() {
    if (!conv) return;
    try {
      chat.setConversation(await serviceApi.block(conv.id, !conv.blockedByMe));
    } catch (err) {
      setNotice(errorText(err));
    }
  }

  const bar = (
    <div className="chat-bottom">
      {notice && (
        <p className="small muted" style={{ margin: '6px 12px 0' }} data-testid="chat-notice">
          {notice}
        </p>
      )}
      <form className="chat-bar" onSubmit={(e) => void submit(e)}>
        <button
          type="button"
          className="chat-icon-btn"
          aria-label={t('service.sendImage')}
          onClick={() => fileRef.current?.click()}
        >
          ＋
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          hidden
          onChange={(e) => void pickImage(e.target.files?.[0])}
        />
        <input
          type="text"
          value={text}
          maxLength={MAX_MESSAGE_CHARS}
          placeholder={t('service.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="chat-input"
          aria-label={t('service.placeholder')}
        />
        <button type="submit" className="btn btn-buy" disabled={!text.trim()} data-testid="chat-send">
          {t('service.send')}
        </button>
      </form>
    </div>
  );

  return (
    <ShopperLayout
      title={conv?.shopName ?? t('service.title')}
      back
      bottomBar={bar}
      right={
        conv ? (
          <button type="button" className="chat-block-btn" onClick={() => void toggleBlock()} data-testid="chat-block">
            {conv.blockedByMe ? t('service.unblock') : t('service.block')}
          </button>
        ) : undefined
      }
    >
      <div className="chat-page">
        {chat.error != null && <ErrorNote error={chat.error} onRetry={() => void chat.reload()} />}
        <div className="chat-list" data-testid="chat-list">
          {chat.hasOlder && (
            <button type="button" className="chat-older" onClick={() => void chat.loadOlder()}>
              {t('service.older')}
            </button>
          )}
          {conv && chat.messages.length === 0 && chat.pending.length === 0 && (
            <p className="muted small" style={{ textAlign: 'center' }}>
              {t('service.hello', { shop: conv.shopName })}
            </p>
          )}
          {conv &&
            cardKind(conv.sourceKind) &&
            conv.sourceId &&
            !chat.messages.some(
              (m) =>
                m.side === 'buyer' &&
                m.kind === conv.sourceKind &&
                [m.body.productId, m.body.orderId, m.body.caseId].includes(conv.sourceId!),
            ) && (
              <button
                type="button"
                className="chat-send-card"
                onClick={() => void sendCard()}
                data-testid="chat-send-card"
              >
                {t(`service.sendCard.${conv.sourceKind}`)}
              </button>
            )}
          {chat.messages.map((m) => (
            <MessageBubble
              key={m.seq}
              m={m}
              mine={m.side === 'buyer'}
              read={m.side === 'buyer' ? m.seq <= chat.otherRead : undefined}
            />
          ))}
          {chat.pending.map((p) => (
            <div key={p.clientId} className="chat-row chat-row-mine chat-pending">
              <div className="chat-bubble chat-bubble-mine">{p.text ?? t('service.sending')}</div>
              {p.failed != null && <small className="chat-failed">{errorText(p.failed)}</small>}
            </div>
          ))}
          {conv?.canRate && quiet && (
            <div className="chat-rate" data-testid="chat-rate">
              <span>{t('service.rateAsk')}</span>
              <div className="chat-rate-stars">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button key={n} type="button" onClick={() => void rate(n)} data-testid={`chat-rate-${n}`}>
                    {t('service.stars', { n })}
                  </button>
                ))}
              </div>
            </div>
          )}
          <div ref={endRef} />
        </div>
      </div>
    </ShopperLayout>
  );
}
