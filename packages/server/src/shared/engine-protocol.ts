/**
 * The engine service's request/reply over NATS: an api process asks the replica that serves the
 * person (a hash of the actor key over the replica count) for a page; the replica answers with
 * its ranked videos, or with none while it warms; with paid traffic's candidate creatives in the
 * request (personalisation on), their heads for the person come back in the same reply. Pure.
 */
import type { Recommended } from '@zhongcao/core';

export const ENGINE_PAGE_SUBJECT = 'zhongcao.engine.page';
/** How long an api process waits for a page before serving the non-personalised one. */
export const ENGINE_DEADLINE_MS = 150;

export interface PageRequest {
  actor: string;
  limit: number;
  /** The session's shown filter, base64url. */
  shown: string;
  /** Paid traffic's candidate creatives (video ids; sent only for a person with personalisation on): their heads for the actor come back with the page. */
  creatives?: string[];
}

export type PageReply =
  | {
      status: 'ok';
      recs: Recommended[];
      /** The creatives' heads for the actor, `[videoId, engage, purchase]` for each the engine knows (only when creatives were asked). */
      heads?: Array<[string, number, number]>;
    }
  | { status: 'warming' };

export function pageSubject(replica: number): string {
  return `${ENGINE_PAGE_SUBJECT}.${replica}`;
}

export const ENGINE_INFO_SUBJECT = 'zhongcao.engine.info';
/** A replica's state, for the admins' model page: the model version it serves (null: online learning only). */
export interface InfoReply {
  replica: number;
  version: string | null;
  warm: boolean;
}

export function infoSubject(replica: number): string {
  return `${ENGINE_INFO_SUBJECT}.${replica}`;
}

/** FNV-1a 32-bit of the actor key, over the replica count: each person is served by one replica. */
export function replicaFor(actorKey: string, replicas: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < actorKey.length; i++) {
    h ^= actorKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % Math.max(1, replicas);
}

/** ENGINE_DEADLINE_MS: how long an api process waits for the engine's page (default ENGINE_DEADLINE_MS). */
export function parseDeadline(value: string | undefined): number {
  if (value === undefined || value === '') return ENGINE_DEADLINE_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10 || n > 10_000)
    throw new Error(`ENGINE_DEADLINE_MS is a whole number of milliseconds from 10 to 10000, not "${value}"`);
  return n;
}

/** ENGINE_REPLICAS: how many engine replicas split the people (1 when unset). */
export function parseReplicas(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`the engine replica count is a whole number from 1 to 64, not "${value}"`);
  return n;
}

/** --replica: this replica's index, below the replica count. */
export function parseReplicaIndex(value: string | undefined, replicas: number): number {
  const n = Number(value ?? '0');
  if (!Number.isInteger(n) || n < 0 || n >= replicas)
    throw new Error(`--replica is a whole number from 0 to ${replicas - 1}, not "${value}"`);
  return n;
}
