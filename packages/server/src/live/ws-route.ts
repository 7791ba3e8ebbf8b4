/**
 * GET /api/v1/live/rooms/:roomId/ws: the room's channel. Signed in by cookie, bearer or ?token=;
 * anonymous viewers watch. `?as=host` is the host's control panel: the same frames, but it is
 * not counted as a viewer, and only the room's host may open it.
 */
import { Type } from 'typebox';
import { authenticate, ID_PREFIX, isRoomHost, loadRoom } from '@zhongcao/core';
import type { App, RouteDeps } from '../routes/types.js';
import { LiveHub } from './live-hub.js';
import type { Fanout } from '../shared/nats-fanout.js';

const ROOM_ID = new RegExp(`^${ID_PREFIX.liveRoom}_[0-9a-z]{26}$`);

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function liveSocketRoute(app: App, deps: RouteDeps, fanout: Fanout | null = null): LiveHub {
  const hub = new LiveHub(deps.core, app.log);
  if (fanout) hub.connect(fanout);
  app.addHook('onClose', async () => hub.close());
  app.get(
    '/api/v1/live/rooms/:roomId/ws',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        summary: 'The room’s real-time channel (WebSocket, JSON frames with field t)',
        querystring: Type.Object({
          token: Type.Optional(Type.String({ maxLength: 200 })),
          viewer: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
          as: Type.Optional(Type.Literal('host')),
        }),
      },
    },
    async (socket, req) => {
      const { roomId } = req.params as { roomId: string };
      const query = req.query as { token?: string; viewer?: string; as?: 'host' };
      if (!ROOM_ID.test(roomId)) {
        socket.send(JSON.stringify({ t: 'error', code: 'ROOM_NOT_FOUND' }));
        socket.close(4404, 'room not found');
        return;
      }
      let session = req.auth;
      // A cookie sent along by another site's page must not speak for the viewer.
      if (session?.kind === 'cookie' && req.headers.origin && originHost(req.headers.origin) !== req.headers.host)
        session = null;
      if (!session && query.token) {
        session = deps.sessions.get(query.token) ?? (await authenticate(deps.core.ctx, query.token));
        if (session) deps.sessions.set(query.token, session);
      }
      const actor = session?.actor ?? null;
      if (query.as === 'host') {
        const room = await loadRoom(deps.core.ctx.db, roomId).catch(() => null);
        if (!room || !isRoomHost(actor, room)) {
          const code = !room ? 'ROOM_NOT_FOUND' : actor ? 'NOT_ROOM_HOST' : 'UNAUTHENTICATED';
          socket.send(JSON.stringify({ t: 'error', code }));
          socket.close(!room ? 4404 : 4403, code.toLowerCase());
          return;
        }
      }
      await hub.join(roomId, socket, {
        userId: actor?.userId ?? null,
        userName: actor?.displayName ?? '',
        viewerKey: actor?.userId ?? (query.viewer ? `anon:${query.viewer}` : null),
        counted: query.as !== 'host',
      });
    },
  );
  return hub;
}
