import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoomCard } from '../../api/live';
import { liveRoomOf } from './useLiveRooms';

const room = (id: string, kind: 'creator' | 'shop', hostId: string): RoomCard => ({
  id,
  title: id,
  status: 'live',
  host: { kind, id: hostId, name: hostId, avatarUrl: null },
  coverUrl: null,
  online: 0,
  openedAt: 1,
  endedAt: null,
  createdAt: 1,
});

test('a video leads to its creator’s room, else to its shop’s own room (店播)', () => {
  const rooms = [room('r-shop', 'shop', 'shop-1'), room('r-creator', 'creator', 'user-1')];
  assert.equal(liveRoomOf(rooms, 'user-1', 'shop-1')?.id, 'r-creator');
  assert.equal(liveRoomOf(rooms, 'user-2', 'shop-1')?.id, 'r-shop');
  assert.equal(liveRoomOf(rooms, 'user-2', null), undefined);
  assert.equal(liveRoomOf(rooms, 'shop-1', null), undefined, 'a shop id never matches a creator');
});
