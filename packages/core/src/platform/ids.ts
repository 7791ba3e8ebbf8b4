import { randomFillSync } from 'node:crypto';

/** Type prefixes of every id the platform issues. */
export const ID_PREFIX = {
  user: 'usr',
  session: 'ses',
  address: 'adr',
  shop: 'shp',
  category: 'cat',
  product: 'prd',
  sku: 'sku',
  image: 'img',
  checkout: 'chk',
  order: 'ord',
  orderLine: 'oln',
  transition: 'otr',
  reservation: 'rsv',
  shipment: 'shm',
  shipmentEdit: 'sme',
  orderAddressChange: 'oac',
  payment: 'pay',
  refund: 'rfd',
  outbox: 'evt',
  sandboxTxn: 'sbx',
  sandboxRefund: 'sbr',
  sandboxDelivery: 'sbd',
  // content
  video: 'vid',
  comment: 'cmt',
  share: 'shr',
  // events and feed
  event: 'evn',
  feedSession: 'fds',
  // money
  journal: 'jnl',
  entry: 'ent',
  payout: 'pyo',
  payoutAccount: 'pya',
  reconciliation: 'rcn',
  sandboxPayout: 'sbp',
  compensationPayout: 'cpo',
  sandboxTransfer: 'sbt',
  // after-sales
  afterSalesCase: 'afs',
  afterSalesEvent: 'afv',
  afterSalesEvidence: 'afe',
  // supply and traceability
  supplier: 'sup',
  productionBase: 'bas',
  batch: 'bat',
  qcRecord: 'qcr',
  supplyPhoto: 'sph',
  // creator economy
  affiliatePlan: 'afp',
  planRate: 'afr',
  affiliateLink: 'lnk',
  touch: 'tch',
  colonelActivity: 'cac',
  mcnContract: 'mcc',
  sampleRequest: 'smp',
  // live rooms
  liveRoom: 'lvr',
  flashSale: 'lvs',
  liveCoupon: 'lvc',
  luckyBag: 'lvb',
  // governance
  governanceTerm: 'gvt',
  homophone: 'gvh',
  // reviews
  review: 'rev',
  reviewPhoto: 'rvp',
  // moderation
  moderation: 'mdi',
  report: 'rpt',
  // the interest engine
  modelVersion: 'mdl',
  // violation points and appeals
  violation: 'vio',
  violationAppeal: 'vap',
  violationPenalty: 'vpn',
  violationEvent: 'vev',
  // customer service
  conversation: 'cnv',
  serviceMessage: 'csm',
  serviceRating: 'csr',
  serviceImage: 'csi',
  serviceSnippet: 'css',
  serviceAccess: 'csa',
  // open platform
  openApp: 'oap',
  openAuthorization: 'oau',
  openToken: 'otk',
  pushMessage: 'opm',
  pushDelivery: 'opd',
  // paid traffic
  adTopup: 'adt',
  adCampaign: 'adc',
  adServe: 'adi',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const pool = new Uint8Array(4096);
let poolAt = pool.length;
let lastTime = -1;
const lastRandom = new Uint8Array(16); // 16 base32 digits = 80 random bits

function refillRandom(): void {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  for (let i = 0; i < 16; i++) lastRandom[i] = pool[poolAt + i]! & 31;
  poolAt += 16;
}

/** Adds one to the random part (monotonic within a millisecond, as the ULID spec says). */
function incrementRandom(): void {
  for (let i = 15; i >= 0; i--) {
    if (lastRandom[i]! < 31) {
      lastRandom[i]!++;
      return;
    }
    lastRandom[i] = 0;
  }
}

/** A monotonic, lower-case ULID: 48 bits of milliseconds then 80 random bits; never goes backwards. */
function ulid(now: number): string {
  if (now > lastTime) {
    lastTime = now;
    refillRandom();
  } else {
    incrementRandom();
  }
  let out = '';
  let t = lastTime;
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  for (let i = 0; i < 16; i++) out += ALPHABET[lastRandom[i]!]!;
  return out;
}

/** A sortable id with a type prefix, e.g. `ord_01jd3…`. Sorts by creation time. */
export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIX[kind]}_${ulid(now)}`;
}

/**
 * The smallest id of that kind made at `ms` (its random part all zeros), for "made at or after"
 * bounds. Not `newId(kind, ms)`: ids never go backwards, so in a process that has already made
 * a later id that returns one after the bound asked for.
 */
export function idFloor(kind: IdKind, ms: number): string {
  let out = '';
  let t = Math.max(0, Math.floor(ms));
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  return `${ID_PREFIX[kind]}_${out}${'0'.repeat(16)}`;
}

/** True when `id` looks like an id of that kind (prefix and 26 base32 characters). */
export function isIdOf(kind: IdKind, id: string): boolean {
  return id.length === ID_PREFIX[kind].length + 27 && id.startsWith(`${ID_PREFIX[kind]}_`);
}
