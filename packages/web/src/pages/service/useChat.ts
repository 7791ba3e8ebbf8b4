/**
 * One conversation on screen: the newest page of history, older pages on demand, new messages
 * pushed over the shared socket (resuming from the last sequence seen after a reconnect), sends
 * over HTTP with a client id (a retry cannot duplicate), read receipts both ways.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { serviceApi, type ChatMessage, type Conversation, type SendBody } from '../../api/service';
import { contiguousSeq, mergeMessages, serviceSocket } from './service-socket';

export interface Pending {
  clientId: string;
  kind: SendBody['kind'];
  text?: string;
  failed?: unknown;
}

let clientSeq = 0;
export function newClientId(): string {
  clientSeq++;
  return `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${clientSeq}`;
}

export function useChat(conversationId: string | null) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [otherRead, setOtherRead] = useState(0);
  const floor = useRef(0);
  const list = useRef<ChatMessage[]>([]);
  const readSent = useRef(0);
  const loaded = useRef(false);

  const merge = useCallback((incoming: ChatMessage[]) => {
    list.current = mergeMessages(list.current, incoming);
    setMessages(list.current);
  }, []);

  const load = useCallback(async () => {
    if (!conversationId) return;
    try {
      const [conv, page] = await Promise.all([
        serviceApi.get(conversationId),
        serviceApi.history(conversationId, { limit: 30 }),
      ]);
      setConversation(conv);
      setOtherRead(conv.otherReadSeq);
      floor.current = page.items.length ? page.items[0]!.seq - 1 : page.lastSeq;
      list.current = [];
      merge(page.items);
      setHasOlder(page.hasMore);
      loaded.current = true;
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [conversationId, merge]);

  useEffect(() => {
    loaded.current = false;
    list.current = [];
    setMessages([]);
    setPending([]);
    readSent.current = 0;
    void load();
    if (!conversationId) return;
    const remove = serviceSocket.add({
      cursor: () => (loaded.current ? { c: conversationId, s: contiguousSeq(list.current, floor.current) } : null),
      onFrame: (f) => {
        if (f.t === 'msg' && f.m.conversationId === conversationId) {
          const before = contiguousSeq(list.current, floor.current);
          merge([f.m]);
          if (f.m.seq > before + 1) serviceSocket.send({ t: 'sync', cursors: [{ c: conversationId, s: before }] });
          if (f.m.side === 'shop' && !f.m.auto)
            setConversation((c) => (c && c.side === 'buyer' ? { ...c, canRate: c.canRate || true } : c));
        } else if (f.t === 'msgs' && f.conversationId === conversationId) {
          merge(f.items);
          if (f.hasMore)
            serviceSocket.send({
              t: 'sync',
              cursors: [{ c: conversationId, s: contiguousSeq(list.current, floor.current) }],
            });
        } else if (f.t === 'read' && f.conversationId === conversationId) {
          setConversation((c) => {
            if (c && c.side !== f.side) setOtherRead((r) => Math.max(r, f.seq));
            return c;
          });
        } else if (f.t === 'hello' && loaded.current) {
          // (re)connected: the socket asks for what was missed through cursor()
        }
      },
    });
    return remove;
  }, [conversationId, load, merge]);

  // Read receipts: everything on screen from the other side is read.
  useEffect(() => {
    if (!conversationId || !conversation?.side) return;
    const last = messages.length ? messages[messages.length - 1]!.seq : 0;
    if (last > readSent.current && messages.some((m) => m.side !== conversation.side && m.seq > readSent.current)) {
      readSent.current = last;
      serviceApi.read(conversationId, last).catch(() => {});
    }
  }, [messages, conversationId, conversation?.side]);

  const loadOlder = useCallback(async () => {
    if (!conversationId || list.current.length === 0) return;
    const page = await serviceApi.history(conversationId, { before: list.current[0]!.seq, limit: 30 });
    floor.current = page.items.length ? page.items[0]!.seq - 1 : floor.current;
    merge(page.items);
    setHasOlder(page.hasMore);
  }, [conversationId, merge]);

  const send = useCallback(
    async (body: Omit<SendBody, 'clientId'>, clientId = newClientId()) => {
      if (!conversationId) return;
      setPending((p) => [...p.filter((x) => x.clientId !== clientId), { clientId, kind: body.kind, text: body.text }]);
      try {
        const res = await serviceApi.send(conversationId, { ...body, clientId });
        merge([res.message, ...res.autos]);
        setPending((p) => p.filter((x) => x.clientId !== clientId));
      } catch (e) {
        setPending((p) => p.map((x) => (x.clientId === clientId ? { ...x, failed: e } : x)));
        throw e;
      }
    },
    [conversationId, merge],
  );

  const rate = useCallback(
    async (stars: number) => {
      if (!conversationId) return;
      await serviceApi.rate(conversationId, stars);
      setConversation((c) => (c ? { ...c, canRate: false } : c));
    },
    [conversationId],
  );

  // A push can land before the send's own answer: a pending bubble whose message is already here is not shown twice.
  const shownPending = pending.filter((p) => !messages.some((m) => m.clientId === p.clientId));
  return {
    conversation,
    setConversation,
    messages,
    hasOlder,
    loadOlder,
    error,
    reload: load,
    pending: shownPending,
    send,
    rate,
    otherRead,
  };
}
