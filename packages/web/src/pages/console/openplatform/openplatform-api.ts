/** The open platform's console endpoints: my apps, the consent page, the shop's authorisations, the admin's review. */
import { api } from '../../../api/client';
import type { Answer } from '../../../api/contract';

export type AppStatus = OpenApp['status'];
export const GROUPS = ['orders', 'products', 'stock', 'logistics', 'aftersales'] as const;
export const TAGS = [
  '100',
  '101',
  '102',
  '103',
  '104',
  '105',
  '106',
  '200',
  '201',
  '202',
  '203',
  '204',
  '205',
  '206',
  '207',
] as const;

export type OpenApp = Answer<'/api/v1/open/apps/{appId}', 'patch'>;
export type Authorization = Answer<'/api/v1/merchant/shops/{shopId}/open-authorizations', 'get'>['items'][number];
export type Deliveries = Answer<'/api/v1/open/apps/{appId}/deliveries', 'get'>;
export type Delivery = Deliveries['items'][number];
export interface AppSettings {
  name: string;
  groups: string[];
  callbackUrl?: string;
  pushUrl?: string;
  pushTags?: string[];
  ipAllow?: string[];
}

const enc = encodeURIComponent;

export const openApi = {
  apps: () => api<Answer<'/api/v1/open/apps', 'get'>>('GET', '/open/apps'),
  register: (body: AppSettings & { kind: 'self' | 'tool'; shopId?: string }) =>
    api<Answer<'/api/v1/open/apps', 'post'>>('POST', '/open/apps', { body }),
  update: (appId: string, body: Partial<AppSettings>) => api<OpenApp>('PATCH', `/open/apps/${enc(appId)}`, { body }),
  rotate: (appId: string) =>
    api<Answer<'/api/v1/open/apps/{appId}/secret', 'post'>>('POST', `/open/apps/${enc(appId)}/secret`),
  authorizeSelf: (appId: string) =>
    api<Answer<'/api/v1/open/apps/{appId}/self-authorization', 'post'>>(
      'POST',
      `/open/apps/${enc(appId)}/self-authorization`,
    ),
  deliveries: (appId: string) => api<Deliveries>('GET', `/open/apps/${enc(appId)}/deliveries`),
  replay: (appId: string, deliveryId: string) =>
    api<Answer<'/api/v1/open/apps/{appId}/deliveries/{deliveryId}/replay', 'post'>>(
      'POST',
      `/open/apps/${enc(appId)}/deliveries/${enc(deliveryId)}/replay`,
    ),
  consent: (appKey: string) =>
    api<Answer<'/api/v1/open/consent', 'get'>>('GET', '/open/consent', { query: { app_key: appKey } }),
  grant: (body: { appKey: string; shopId: string; state?: string }) =>
    api<Answer<'/api/v1/open/consent', 'post'>>('POST', '/open/consent', { body }),
  authorizations: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/open-authorizations', 'get'>>(
      'GET',
      `/merchant/shops/${enc(shopId)}/open-authorizations`,
    ),
  revoke: (authorizationId: string) =>
    api<Answer<'/api/v1/open/authorizations/{authorizationId}/revoke', 'post'>>(
      'POST',
      `/open/authorizations/${enc(authorizationId)}/revoke`,
    ),
  adminApps: (status: AppStatus) =>
    api<Answer<'/api/v1/admin/open/apps', 'get'>>('GET', '/admin/open/apps', { query: { status } }),
  review: (appId: string, body: { decision: 'approve' | 'reject' | 'suspend'; note?: string }) =>
    api<OpenApp>('POST', `/admin/open/apps/${enc(appId)}/review`, { body }),
};
