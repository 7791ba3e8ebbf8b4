/** Customer service (飞鸽): conversations, messages, the push channel's address, the merchant's desk and figures. */
import type { Answer } from './contract';

export type ServiceSettings = Answer<'/api/v1/merchant/shops/{shopId}/service/settings', 'get'>;
export type Snippet = Answer<'/api/v1/merchant/shops/{shopId}/service/snippets', 'post'>;

import { uploadPhoto } from './aftersales';
import { api } from './client';

const enc = encodeURIComponent;

export type MessageKind = 'text' | 'image' | 'product' | 'order' | 'aftersales';
export type SourceKind = 'product' | 'order' | 'aftersales' | 'live' | 'direct';
export const MAX_MESSAGE_CHARS = 500;

export interface ChatMessage {
  id: string;
  conversationId: string;
  seq: number;
  side: 'buyer' | 'shop';
  senderId: string | null;
  kind: MessageKind;
  body: { text?: string; url?: string; title?: string; priceFen?: number; imageUrl?: string | null; productId?: string; orderId?: string; status?: string; totalFen?: number; caseId?: string; type?: string; requestedFen?: number; autoKind?: string };
  auto: boolean;
  masked: boolean;
  clientId: string | null;
  createdAt: number;
}

export interface Conversation {
  id: string;
  buyerId: string;
  buyerName: string;
  shopId: string;
  shopName: string;
  status: 'open' | 'queued' | 'closed';
  assigneeId: string | null;
  lastSeq: number;
  unread: number;
  otherReadSeq: number;
  sourceKind: SourceKind;
  sourceId: string | null;
  lastText: string;
  lastMessageAt: number;
  blockedByMe: boolean;
  blockedByOther: boolean;
  canRate: boolean;
  side?: 'buyer' | 'shop';
}

export interface SendBody {
  clientId: string;
  kind: MessageKind;
  text?: string;
  imageId?: string;
  productId?: string;
  orderId?: string;
  caseId?: string;
}

export interface ServiceFigures {
  conversations: number;
  buyerMessages: number;
  repliedWithin3Min: number;
  replyRate3Min: number | null;
  firstResponseAvgMs: number | null;
  firstResponseP90Ms: number | null;
  unanswered: number;
  ratings: number;
  dissatisfied: number;
  dissatisfiedShare: number | null;
  messages: number;
  autoMessages: number;
}

export interface ServiceReport {
  days: Array<ServiceFigures & { day: string }>;
  total: ServiceFigures;
  staff: Array<ServiceFigures & { userId: string; name: string; days: Array<ServiceFigures & { day: string }> }>;
}

export interface Desk {
  online: boolean;
  maxOpen: number;
  mine: Conversation[];
  queue: Conversation[];
  staff: Array<{ userId: string; name: string; online: boolean; open: number }>;
}

export interface BuyerContext {
  orders: Array<{ id: string; status: string; totalFen: number; title: string; createdAt: number }>;
  cases: Array<{ id: string; status: string; type: string; requestedFen: number; createdAt: number }>;
  product: { id: string; title: string; priceFen: number } | null;
}



export const serviceApi = {
  open: (body: { source: SourceKind; sourceId?: string; shopId?: string }) => api<Conversation>('POST', '/service/conversations', { body }),
  get: (id: string) => api<Conversation & { side: 'buyer' | 'shop' }>('GET', `/service/conversations/${enc(id)}`),
  history: (id: string, q: { before?: number; after?: number; limit?: number } = {}) =>
    api<{ items: ChatMessage[]; lastSeq: number; hasMore: boolean }>('GET', `/service/conversations/${enc(id)}/messages`, { query: q }),
  send: (id: string, body: SendBody) => api<{ message: ChatMessage; autos: ChatMessage[]; duplicate: boolean }>('POST', `/service/conversations/${enc(id)}/messages`, { body }),
  read: (id: string, seq: number) => api<{ readSeq: number }>('POST', `/service/conversations/${enc(id)}/read`, { body: { seq } }),
  rate: (id: string, stars: number) => api<{ stars: number }>('POST', `/service/conversations/${enc(id)}/rating`, { body: { stars } }),
  block: (id: string, blocked: boolean) => api<Conversation>('POST', `/service/conversations/${enc(id)}/block`, { body: { blocked } }),
  uploadImage: (file: Blob, name?: string) => uploadPhoto('/service/images', file, name) as unknown as Promise<{ id: string; url: string }>,
  mine: () => api<{ items: Conversation[] }>('GET', '/me/conversations'),
  unread: () => api<{ total: number; byShop: Record<string, number> }>('GET', '/me/conversations/unread'),
  // the merchant's desk
  desk: (shopId: string) => api<Desk>('GET', `/merchant/shops/${enc(shopId)}/service/desk`),
  presence: (shopId: string, online: boolean) => api<{ online: boolean; assigned: number }>('POST', `/merchant/shops/${enc(shopId)}/service/presence`, { body: { online } }),
  context: (conversationId: string) => api<BuyerContext>('GET', `/merchant/service/conversations/${enc(conversationId)}/context`),
  transfer: (conversationId: string, toUserId: string) => api<{ ok: true }>('POST', `/merchant/service/conversations/${enc(conversationId)}/transfer`, { body: { toUserId } }),
  close: (conversationId: string) => api<{ ok: true }>('POST', `/merchant/service/conversations/${enc(conversationId)}/close`),
  settings: (shopId: string) => api<ServiceSettings>('GET', `/merchant/shops/${enc(shopId)}/service/settings`),
  saveSettings: (shopId: string, body: ServiceSettings) => api<ServiceSettings>('PUT', `/merchant/shops/${enc(shopId)}/service/settings`, { body }),
  snippets: (shopId: string) => api<{ items: Snippet[] }>('GET', `/merchant/shops/${enc(shopId)}/service/snippets`),
  addSnippet: (shopId: string, body: { kind: 'quick' | 'faq'; keyword?: string; text: string }) => api<Snippet>('POST', `/merchant/shops/${enc(shopId)}/service/snippets`, { body }),
  removeSnippet: (shopId: string, id: string) => api<void>('DELETE', `/merchant/shops/${enc(shopId)}/service/snippets/${enc(id)}`),
  adminConversation: (caseId: string) => api<{ conversation: Conversation | null; messages: ChatMessage[] }>('GET', `/admin/aftersales/${enc(caseId)}/conversation`),
  report: (shopId: string, days = 7) => api<ServiceReport>('GET', `/merchant/shops/${enc(shopId)}/service/report`, { query: { days } }),
};

/** The push channel's address on this page's origin (the session cookie rides along). */
export function serviceSocketUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/service/ws`;
}
