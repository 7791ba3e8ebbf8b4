import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Select, Switch, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { MAX_MESSAGE_CHARS, serviceApi, type Conversation, type Desk } from '../../../../api/service';
import { formatFen } from '../../../../lib/money';
import { MessageBubble } from '../../../service/MessageBubble';
import { serviceSocket } from '../../../service/service-socket';
import { useChat } from '../../../service/useChat';
import { EmptyState, errorText, LoadView, useLoad } from '../../shell/common';

/**
 * 工作台: go online, my conversations and the shop's queue on the left (refreshed as the socket
 * tells of new messages and assignments), the chat in the middle with quick replies, transfer and
 * end, and the buyer's orders, cases and the product asked about on the right.
 */
export function DeskView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const desk = useLoad(() => serviceApi.desk(shopId), [shopId]);
  const snippets = useLoad(() => serviceApi.snippets(shopId), [shopId]);
  const [selected, setSelected] = useState<string | null>(null);
  const reloadRef = useRef(desk.reload);
  reloadRef.current = desk.reload;

  // New messages and assignments refresh the lists (at most a few times a second).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return serviceSocket.add({
      cursor: () => null,
      onFrame: (f) => {
        if (f.t !== 'msg' && f.t !== 'desk') return;
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          reloadRef.current();
        }, 300);
      },
    });
  }, []);

  async function setOnline(online: boolean) {
    try {
      await serviceApi.presence(shopId, online);
      desk.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }

  return (
    <LoadView state={desk} rows={6}>
      {(d) => (
        <div className="desk" data-testid="service-desk">
          <div className="desk-pane">
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: 12 }}>
              <span data-testid="desk-online" data-online={d.online ? '1' : '0'}>
                <Switch checked={d.online} onChange={(v) => void setOnline(v)} aria-label={t('serviceDesk.online')} />
              </span>
              <span>{d.online ? t('serviceDesk.online') : t('serviceDesk.offline')}</span>
            </div>
            <ConversationList
              title={t('serviceDesk.mine', { n: d.mine.length })}
              items={d.mine}
              selected={selected}
              onSelect={setSelected}
              testid="desk-mine"
            />
            <ConversationList
              title={t('serviceDesk.queue', { n: d.queue.length })}
              items={d.queue}
              selected={selected}
              onSelect={setSelected}
              testid="desk-queue"
            />
            <Team d={d} />
          </div>
          <div className="desk-pane">
            {selected ? (
              <ChatPane
                key={selected}
                conversationId={selected}
                desk={d}
                quick={(snippets.data?.items ?? []).filter((s) => s.kind === 'quick').map((s) => s.text)}
                onChanged={desk.reload}
                onClosed={() => setSelected(null)}
              />
            ) : (
              <EmptyState title={t('serviceDesk.noConversation')} />
            )}
          </div>
          <div className="desk-pane desk-side">
            {selected ? <ContextPane key={selected} conversationId={selected} /> : null}
          </div>
        </div>
      )}
    </LoadView>
  );
}

function ConversationList({
  title,
  items,
  selected,
  onSelect,
  testid,
}: {
  title: string;
  items: Conversation[];
  selected: string | null;
  onSelect(id: string): void;
  testid: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testid}>
      <Typography.Text strong style={{ display: 'block', padding: '8px 12px' }}>
        {title}
      </Typography.Text>
      {items.length === 0 && (
        <div className="cs-muted" style={{ padding: '0 12px 8px' }}>
          {t('serviceDesk.empty')}
        </div>
      )}
      {items.map((c) => (
        <div
          key={c.id}
          className={`desk-list-item${c.id === selected ? ' active' : ''}`}
          onClick={() => onSelect(c.id)}
          data-testid="desk-conversation"
          data-conversation-id={c.id}
        >
          <div style={{ flex: 1, minWidth: 0 }}>
            <div>{c.buyerName}</div>
            <div
              className="cs-muted"
              style={{ fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            >
              {c.lastText}
            </div>
          </div>
          {c.unread > 0 && <Badge count={c.unread} type="danger" />}
        </div>
      ))}
    </div>
  );
}

function Team({ d }: { d: Desk }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 12, marginTop: 'auto' }}>
      <Typography.Text strong>{t('serviceDesk.team')}</Typography.Text>
      {d.staff.map((s) => (
        <div key={s.userId} style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 4 }}>
          <Tag color={s.online ? 'green' : 'grey'} size="small" style={{ flex: 'none' }}>
            {s.online ? t('serviceDesk.staffOnline') : t('serviceDesk.staffOffline')}
          </Tag>
          <span>{s.name}</span>
          {s.online && <span className="cs-muted">{t('serviceDesk.load', { n: s.open })}</span>}
        </div>
      ))}
    </div>
  );
}

function ChatPane({
  conversationId,
  desk,
  quick,
  onChanged,
  onClosed,
}: {
  conversationId: string;
  desk: Desk;
  quick: string[];
  onChanged(): void;
  onClosed(): void;
}) {
  const { t } = useTranslation();
  const chat = useChat(conversationId);
  const [text, setText] = useState('');
  const [to, setTo] = useState<string | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.messages.length]);

  async function send(value: string) {
    if (!value.trim()) return;
    setText('');
    try {
      await chat.send({ kind: 'text', text: value.trim() });
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  async function transfer() {
    if (!to) return;
    try {
      await serviceApi.transfer(conversationId, to);
      Toast.success(t('serviceDesk.transferred'));
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  async function block() {
    if (!chat.conversation) return;
    try {
      chat.setConversation(await serviceApi.block(conversationId, !chat.conversation.blockedByMe));
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  async function close() {
    try {
      await serviceApi.close(conversationId);
      Toast.success(t('serviceDesk.closed'));
      onClosed();
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }

  return (
    <>
      <div
        style={{
          display: 'flex',
          gap: 8,
          alignItems: 'center',
          padding: 8,
          borderBottom: '1px solid var(--semi-color-border)',
        }}
      >
        <Typography.Text strong style={{ flex: 1 }}>
          {chat.conversation?.buyerName ?? ''}
        </Typography.Text>
        <Select
          size="small"
          placeholder={t('serviceDesk.transferTo')}
          value={to ?? undefined}
          onChange={(v) => setTo(String(v))}
          style={{ width: 140 }}
          optionList={desk.staff.map((s) => ({ value: s.userId, label: s.name }))}
        />
        <Button size="small" onClick={() => void transfer()} disabled={!to}>
          {t('serviceDesk.transfer')}
        </Button>
        <Button size="small" type="danger" onClick={() => void close()} data-testid="desk-close">
          {t('serviceDesk.close')}
        </Button>
        <Button size="small" type="tertiary" onClick={() => void block()} data-testid="desk-block">
          {chat.conversation?.blockedByMe ? t('service.unblock') : t('service.block')}
        </Button>
      </div>
      <div className="desk-chat">
        <div className="chat-list" data-testid="desk-chat">
          {chat.hasOlder && (
            <button type="button" className="chat-older" onClick={() => void chat.loadOlder()}>
              {t('service.older')}
            </button>
          )}
          {chat.messages.map((m) => (
            <MessageBubble
              key={m.seq}
              m={m}
              mine={m.side === 'shop'}
              read={m.side === 'shop' ? m.seq <= chat.otherRead : undefined}
              linkCards={false}
            />
          ))}
          {chat.pending.map((p) => (
            <div key={p.clientId} className="chat-row chat-row-mine chat-pending">
              <div className="chat-bubble chat-bubble-mine">{p.text}</div>
            </div>
          ))}
          <div ref={endRef} />
        </div>
      </div>
      {quick.length > 0 && (
        <div className="desk-quick" aria-label={t('serviceDesk.quick')}>
          {quick.map((q) => (
            <Tag key={q} style={{ cursor: 'pointer' }} onClick={() => void send(q)}>
              {q.length > 16 ? `${q.slice(0, 16)}…` : q}
            </Tag>
          ))}
        </div>
      )}
      <form className="desk-input" onSubmit={(e) => (e.preventDefault(), void send(text))}>
        <input
          className="semi-input"
          style={{ flex: 1, border: '1px solid var(--semi-color-border)', borderRadius: 6, padding: '6px 10px' }}
          value={text}
          maxLength={MAX_MESSAGE_CHARS}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('serviceDesk.placeholder')}
          data-testid="desk-input"
          aria-label={t('serviceDesk.placeholder')}
        />
        <Button htmlType="submit" theme="solid" disabled={!text.trim()} data-testid="desk-send">
          {t('serviceDesk.send')}
        </Button>
      </form>
    </>
  );
}

function ContextPane({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const ctx = useLoad(() => serviceApi.context(conversationId), [conversationId]);
  return (
    <LoadView state={ctx} rows={4}>
      {(c) => (
        <div data-testid="desk-context">
          <Typography.Title heading={6}>{t('serviceDesk.product')}</Typography.Title>
          <div className="cs-muted">
            {c.product ? `${c.product.title} · ${formatFen(c.product.priceFen)}` : t('serviceDesk.none')}
          </div>
          <Typography.Title heading={6} style={{ marginTop: 12 }}>
            {t('serviceDesk.orders')}
          </Typography.Title>
          {c.orders.length === 0 && <div className="cs-muted">{t('serviceDesk.none')}</div>}
          {c.orders.map((o) => (
            <div key={o.id} style={{ fontSize: 13, marginBottom: 4 }}>
              {o.title} · {formatFen(o.totalFen)} · {t(`consoleUi.status.${o.status}`, { defaultValue: o.status })}
            </div>
          ))}
          <Typography.Title heading={6} style={{ marginTop: 12 }}>
            {t('serviceDesk.cases')}
          </Typography.Title>
          {c.cases.length === 0 && <div className="cs-muted">{t('serviceDesk.none')}</div>}
          {c.cases.map((x) => (
            <div key={x.id} style={{ fontSize: 13, marginBottom: 4 }}>
              {t(`service.caseStatus.${x.status}`, { defaultValue: x.status })} · {formatFen(x.requestedFen)}
            </div>
          ))}
        </div>
      )}
    </LoadView>
  );
}
