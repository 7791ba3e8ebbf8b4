/** Customer service (飞鸽): conversations, messages, the push channel's address, the merchant's desk and figures. */
import { uploadPhoto } from './aftersales';
import { api } from './client';
import type { Answer } from './contract';

const enc = encodeURIComponent;

export type MessageKind = ChatMessage['kind'];
export type SourceKind = 'product' | 'order' | 'aftersales' | 'live' | 'direct';
export const MAX_MESSAGE_CHARS = 500;

type History = Answer<'/api/v1/service/conversations/{conversationId}/messages', 'get'>;
/** A message; its body's fields depend on its kind. */
export type ChatMessage = History['items'][number];
/** A conversation; side is which side this viewer is on (given when one conversation is fetched). */
export type Conversation = Answer<'/api/v1/service/conversations', 'post'> & { side?: 'buyer' | 'shop' };
export type ServiceReport = Answer<'/api/v1/merchant/shops/{shopId}/service/report', 'get'>;
export type ServiceFigures = ServiceReport['total'];
export type Desk = Answer<'/api/v1/merchant/shops/{shopId}/service/desk', 'get'>;
export type BuyerContext = Answer<'/api/v1/merchant/service/conversations/{conversationId}/context', 'get'>;
export type ServiceSettings = Answer<'/api/v1/merchant/shops/{shopId}/service/settings', 'get'>;
export type Snippet = Answer<'/api/v1/merchant/shops/{shopId}/service/snippets', 'post'>;

export interface SendBody {
  clientId: string;
  kind: MessageKind;
  text?: string;
  imageId?: string;
  productId?: string;
  orderId?: string;
  caseId?: string;
}

export const serviceApi = {
  open: (body: { source: SourceKind; sourceId?: string; shopId?: string }) =>
    api<Conversation>('POST', '/service/conversations', { body }),
  get: (id: string) =>
    api<Answer<'/api/v1/service/conversations/{conversationId}', 'get'>>('GET', `/service/conversations/${enc(id)}`),
  history: (id: string, q: { before?: number; after?: number; limit?: number } = {}) =>
    api<Answer<'/api/v1/service/conversations/{conversationId}/messages', 'get'>>(
      'GET',
      `/service/conversations/${enc(id)}/messages`,
      { query: q },
    ),
  send: (id: string, body: SendBody) =>
    api<Answer<'/api/v1/service/conversations/{conversationId}/messages', 'post'>>(
      'POST',
      `/service/conversations/${enc(id)}/messages`,
      { body },
    ),
  read: (id: string, seq: number) =>
    api<Answer<'/api/v1/service/conversations/{conversationId}/read', 'post'>>(
      'POST',
      `/service/conversations/${enc(id)}/read`,
      { body: { seq } },
    ),
  rate: (id: string, stars: number) =>
    api<Answer<'/api/v1/service/conversations/{conversationId}/rating', 'post'>>(
      'POST',
      `/service/conversations/${enc(id)}/rating`,
      { body: { stars } },
    ),
  block: (id: string, blocked: boolean) =>
    api<Conversation>('POST', `/service/conversations/${enc(id)}/block`, { body: { blocked } }),
  uploadImage: (file: Blob, name?: string): Promise<Answer<'/api/v1/service/images', 'post'>> =>
    uploadPhoto('/service/images', file, name),
  mine: () => api<Answer<'/api/v1/me/conversations', 'get'>>('GET', '/me/conversations'),
  unread: () => api<Answer<'/api/v1/me/conversations/unread', 'get'>>('GET', '/me/conversations/unread'),
  // the merchant's desk
  desk: (shopId: string) => api<Desk>('GET', `/merchant/shops/${enc(shopId)}/service/desk`),
  presence: (shopId: string, online: boolean) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/service/presence', 'post'>>(
      'POST',
      `/merchant/shops/${enc(shopId)}/service/presence`,
      { body: { online } },
    ),
  context: (conversationId: string) =>
    api<BuyerContext>('GET', `/merchant/service/conversations/${enc(conversationId)}/context`),
  transfer: (conversationId: string, toUserId: string) =>
    api<Answer<'/api/v1/merchant/service/conversations/{conversationId}/transfer', 'post'>>(
      'POST',
      `/merchant/service/conversations/${enc(conversationId)}/transfer`,
      {
        body: { toUserId },
      },
    ),
  close: (conversationId: string) =>
    api<Answer<'/api/v1/merchant/service/conversations/{conversationId}/close', 'post'>>(
      'POST',
      `/merchant/service/conversations/${enc(conversationId)}/close`,
    ),
  settings: (shopId: string) => api<ServiceSettings>('GET', `/merchant/shops/${enc(shopId)}/service/settings`),
  saveSettings: (shopId: string, body: ServiceSettings) =>
    api<ServiceSettings>('PUT', `/merchant/shops/${enc(shopId)}/service/settings`, { body }),
  snippets: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/service/snippets', 'get'>>(
      'GET',
      `/merchant/shops/${enc(shopId)}/service/snippets`,
    ),
  addSnippet: (shopId: string, body: { kind: 'quick' | 'faq'; keyword?: string; text: string }) =>
    api<Snippet>('POST', `/merchant/shops/${enc(shopId)}/service/snippets`, { body }),
  removeSnippet: (shopId: string, id: string) =>
    api<void>('DELETE', `/merchant/shops/${enc(shopId)}/service/snippets/${enc(id)}`),
  adminConversation: (caseId: string) =>
    api<Answer<'/api/v1/admin/aftersales/{caseId}/conversation', 'get'>>(
      'GET',
      `/admin/aftersales/${enc(caseId)}/conversation`,
    ),
  report: (shopId: string, days = 7) =>
    api<ServiceReport>('GET', `/merchant/shops/${enc(shopId)}/service/report`, { query: { days } }),
};

/** The push channel's address on this page's origin (the session cookie rides along). */
export function serviceSocketUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/service/ws`;
}
