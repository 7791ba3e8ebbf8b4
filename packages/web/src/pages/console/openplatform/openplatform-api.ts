/** The open platform's console endpoints: my apps, the consent page, the shop's authorisations, the admin's review. */
import { api } from '../../../api/client';

export type AppStatus = 'pending' | 'approved' | 'rejected' | 'suspended';
export const GROUPS = ['orders', 'products', 'stock', 'logistics', 'aftersales'] as const;
export const TAGS = ['100', '101', '102', '103', '104', '105', '106', '200', '201', '202', '203', '204', '205', '206', '207'] as const;

export interface OpenApp {
  id: string; appKey: string; name: string; kind: 'self' | 'tool'; ownerId: string; shopId: string | null; status: AppStatus; groups: string[];
  callbackUrl: string; pushUrl: string; pushTags: string[]; ipAllow: string[]; reviewNote: string; createdAt: number; updatedAt: number;
}
export interface Authorization { id: string; appId: string; appKey: string; appName: string; appKind: string; shopId: string; groups: string[]; status: 'active' | 'revoked'; grantedBy: string; createdAt: number; revokedAt: number | null }
export interface Delivery { id: string; msgIds: string[]; messageCount: number; outcome: 'ok' | 'failed'; httpStatus: number | null; error: string | null; replay: boolean; durationMs: number; createdAt: number }
export interface AppSettings { name: string; groups: string[]; callbackUrl?: string; pushUrl?: string; pushTags?: string[]; ipAllow?: string[] }

const enc = encodeURIComponent;

export const openApi = {
  apps: () => api<{ items: OpenApp[] }>('GET', '/open/apps'),
  register: (body: AppSettings & { kind: 'self' | 'tool'; shopId?: string }) => api<{ app: OpenApp; secret: string }>('POST', '/open/apps', { body }),
  update: (appId: string, body: Partial<AppSettings>) => api<OpenApp>('PATCH', `/open/apps/${enc(appId)}`, { body }),
  rotate: (appId: string) => api<{ secret: string }>('POST', `/open/apps/${enc(appId)}/secret`),
  authorizeSelf: (appId: string) => api<{ authorizationId: string }>('POST', `/open/apps/${enc(appId)}/self-authorization`),
  deliveries: (appId: string) => api<{ items: Delivery[]; pending: number; waiting: number; failed: number }>('GET', `/open/apps/${enc(appId)}/deliveries`),
  replay: (appId: string, deliveryId: string) => api<{ ok: boolean }>('POST', `/open/apps/${enc(appId)}/deliveries/${enc(deliveryId)}/replay`),
  consent: (appKey: string) => api<{ appKey: string; name: string; kind: string; groups: string[]; status: AppStatus; callbackUrl: string }>('GET', '/open/consent', { query: { app_key: appKey } }),
  grant: (body: { appKey: string; shopId: string; state?: string }) => api<{ code: string; redirectUrl: string | null; expiresAt: number }>('POST', '/open/consent', { body }),
  authorizations: (shopId: string) => api<{ items: Authorization[] }>('GET', `/merchant/shops/${enc(shopId)}/open-authorizations`),
  revoke: (authorizationId: string) => api<{ ok: boolean }>('POST', `/open/authorizations/${enc(authorizationId)}/revoke`),
  adminApps: (status: AppStatus) => api<{ items: OpenApp[] }>('GET', '/admin/open/apps', { query: { status } }),
  review: (appId: string, body: { decision: 'approve' | 'reject' | 'suspend'; note?: string }) => api<OpenApp>('POST', `/admin/open/apps/${enc(appId)}/review`, { body }),
};
