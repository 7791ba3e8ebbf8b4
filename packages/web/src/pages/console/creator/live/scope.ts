/** Whose rooms a console's 直播 section manages: the signed-in creator's, or a shop's (店播). */
import { api } from '../../../../api/client';
import type { Answer } from '../../../../api/contract';
import type { RoomCard } from '../../../../api/live';
import { liveApi } from '../../../../api/live';

export type LiveScope = { kind: 'creator' } | { kind: 'shop'; shopId: string };

/** Where the section lives in its console. */
export function scopeBase(scope: LiveScope): string {
  return scope.kind === 'creator' ? '/creator/live' : '/merchant/live';
}

/** The scope's rooms of one status (a shop's staff see the shop's rooms, a creator their own). */
export async function scopeRooms(scope: LiveScope, status: RoomCard['status']): Promise<RoomCard[]> {
  const items = await liveApi.rooms({ status, mine: true });
  return items.filter((r) =>
    scope.kind === 'shop' ? r.host.kind === 'shop' && r.host.id === scope.shopId : r.host.kind === 'creator',
  );
}

export interface Candidate {
  productId: string;
  title: string;
  priceFen: number;
}

const CANDIDATE_PAGE = 100;
const MAX_CANDIDATE_PAGES = 3;

/** Products the host may put in the bag: the shop's listed products, or the creator's showcase (橱窗). */
export async function bagCandidates(scope: LiveScope): Promise<Candidate[]> {
  if (scope.kind === 'creator') {
    const res = await api<Answer<'/api/v1/creator/showcase', 'get'>>('GET', '/creator/showcase');
    return res.items.map((i) => ({ productId: i.product.id, title: i.product.title, priceFen: i.product.priceFen }));
  }
  const out: Candidate[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_CANDIDATE_PAGES; page++) {
    const res: Answer<'/api/v1/merchant/shops/{shopId}/products', 'get'> = await api(
      'GET',
      `/merchant/shops/${encodeURIComponent(scope.shopId)}/products`,
      {
        query: { status: 'listed', limit: CANDIDATE_PAGE, cursor },
      },
    );
    out.push(...res.items.map((p) => ({ productId: p.id, title: p.title, priceFen: p.priceFen })));
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return out;
}
