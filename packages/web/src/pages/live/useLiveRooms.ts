import { useEffect, useState } from 'react';
import { liveApi, type RoomCard } from '../../api/live';

const REFRESH_MS = 60_000;

/** The rooms on air, refreshed every minute (an empty list when the request fails: nothing live is shown). */
export function useLiveRooms(): RoomCard[] {
  const [rooms, setRooms] = useState<RoomCard[]>([]);
  useEffect(() => {
    let mounted = true;
    const load = () =>
      liveApi.rooms({ status: 'live' }).then(
        (items) => mounted && setRooms(items),
        () => {},
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      mounted = false;
      clearInterval(timer);
    };
  }, []);
  return rooms;
}

/** The room a video's creator (or, for 店播, its shop) is live in now, if any. */
export function liveRoomOf(rooms: readonly RoomCard[], creatorId: string, shopId: string | null): RoomCard | undefined {
  return (
    rooms.find((r) => r.host.kind === 'creator' && r.host.id === creatorId) ??
    (shopId ? rooms.find((r) => r.host.kind === 'shop' && r.host.id === shopId) : undefined)
  );
}
