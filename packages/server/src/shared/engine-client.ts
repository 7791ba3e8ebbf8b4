/**
 * An api process's client of the engine service: each page request goes to the replica serving
 * the person, over NATS request/reply with a deadline. No answer in time, no replica listening
 * or a replica still warming: null, so the feed serves the non-personalised page (counted, and
 * logged at most every 5 s).
 */
import { JSONCodec, type NatsConnection } from 'nats';
import {
  headsFromRows,
  type EngineModelState,
  type EnginePage,
  type RemoteEngine,
  type ShownFilter,
} from '@zhongcao/core';
import {
  ENGINE_DEADLINE_MS,
  infoSubject,
  pageSubject,
  replicaFor,
  type InfoReply,
  type PageReply,
  type PageRequest,
} from './engine-protocol.js';

export type FallbackReason = 'timeout' | 'no_replica' | 'warming' | 'error';

export interface EngineClient extends RemoteEngine {
  /** Pages the engine answered. */
  answered: number;
  /** Non-personalised pages served instead, by reason. */
  fallbacks: Record<FallbackReason, number>;
}

const requests = JSONCodec<PageRequest>();
const replies = JSONCodec<PageReply>();
const infos = JSONCodec<InfoReply>();
/** How long the model page waits for each replica's state. */
const INFO_DEADLINE_MS = 500;

export function engineClient(
  nc: NatsConnection,
  replicas: number,
  log: (reason: FallbackReason, detail: string) => void,
  deadlineMs = ENGINE_DEADLINE_MS,
): EngineClient {
  let lastLog = 0;
  const client: EngineClient = {
    answered: 0,
    fallbacks: { timeout: 0, no_replica: 0, warming: 0, error: 0 },
    async recommend(
      actorKey: string,
      limit: number,
      shown: ShownFilter,
      creatives?: readonly string[],
    ): Promise<EnginePage | null> {
      const fallback = (reason: FallbackReason, detail: string): null => {
        client.fallbacks[reason]++;
        if (Date.now() - lastLog >= 5_000) {
          lastLog = Date.now();
          log(reason, detail);
        }
        return null;
      };
      const replica = replicaFor(actorKey, replicas);
      try {
        const msg = await nc.request(
          pageSubject(replica),
          requests.encode({
            actor: actorKey,
            limit,
            shown: shown.encode(),
            ...(creatives?.length ? { creatives: [...creatives] } : {}),
          }),
          { timeout: deadlineMs },
        );
        const reply = replies.decode(msg.data);
        if (reply.status !== 'ok') return fallback('warming', `replica ${replica} is warming`);
        client.answered++;
        return { recs: reply.recs, heads: creatives?.length ? headsFromRows(reply.heads) : null };
      } catch (err) {
        const e = err as Error & { code?: string };
        if (e.code === '503') return fallback('no_replica', `no engine replica ${replica} listening`);
        if (e.code === 'TIMEOUT')
          return fallback('timeout', `engine replica ${replica} did not answer in ${deadlineMs} ms`);
        return fallback('error', e.message);
      }
    },
    async engines(): Promise<EngineModelState[]> {
      return Promise.all(
        Array.from({ length: replicas }, async (_, replica) => {
          try {
            const info = infos.decode(
              (await nc.request(infoSubject(replica), new Uint8Array(), { timeout: INFO_DEADLINE_MS })).data,
            );
            return { replica, version: info.version, reachable: true };
          } catch {
            return { replica, version: null, reachable: false };
          }
        }),
      );
    },
  };
  return client;
}
