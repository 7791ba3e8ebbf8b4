/** The live room for a screen: fetched over HTTP first, then kept current by the room's WebSocket. */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { liveApi, liveSocketUrl, type Room } from '../../api/live';
import { viewerId } from '../../api/viewer';
import { LiveSocket, type ConnectionStatus } from './live-socket';
import { applyMessage, emptyView, viewFromRoom, type LiveView, type ServerMessage } from './live-state';

type Action = { kind: 'room'; room: Room } | { kind: 'message'; msg: ServerMessage } | { kind: 'reset' };

function reduce(view: LiveView, action: Action): LiveView {
  if (action.kind === 'reset') return emptyView;
  if (action.kind === 'room') return viewFromRoom(view, action.room);
  return applyMessage(view, action.msg);
}

export interface LiveRoomHandle {
  view: LiveView;
  status: ConnectionStatus;
  loadError: unknown;
  /** The latest error code the socket reported (e.g. COMMENT_TOO_FAST), with a serial to re-show it. */
  socketError: { code: string; serial: number } | null;
  /** Taps not yet confirmed by a server total, shown right away. */
  localLikes: number;
  like(): void;
  comment(text: string): boolean;
  reload(): void;
  /** Applies a room snapshot fetched elsewhere (e.g. after the host changed it). */
  applyRoom(room: Room): void;
}

export function useLiveRoom(roomId: string): LiveRoomHandle {
  const [view, dispatch] = useReducer(reduce, emptyView);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [socketError, setSocketError] = useState<LiveRoomHandle['socketError']>(null);
  const [localLikes, setLocalLikes] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const socket = useRef<LiveSocket | null>(null);

  useEffect(() => {
    let live = true;
    dispatch({ kind: 'reset' });
    setLoadError(null);
    liveApi.room(roomId).then(
      (room) => live && dispatch({ kind: 'room', room }),
      (error: unknown) => live && setLoadError(error),
    );
    const s = new LiveSocket({
      url: liveSocketUrl(roomId, viewerId()),
      onStatus: (next) => live && setStatus(next),
      onMessage: (msg) => {
        if (!live) return;
        if (msg.t === 'error') setSocketError((prev) => ({ code: msg.code, serial: (prev?.serial ?? 0) + 1 }));
        if (msg.t === 'likes') setLocalLikes(0);
        dispatch({ kind: 'message', msg });
      },
    });
    socket.current = s;
    s.start();
    return () => {
      live = false;
      s.stop();
      socket.current = null;
    };
  }, [roomId, attempt]);

  const like = useCallback(() => {
    socket.current?.like();
    setLocalLikes((n) => n + 1);
  }, []);
  const comment = useCallback((text: string) => socket.current?.comment(text) ?? false, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const applyRoom = useCallback((room: Room) => dispatch({ kind: 'room', room }), []);

  return { view, status, loadError, socketError, localLikes, like, comment, reload, applyRoom };
}
