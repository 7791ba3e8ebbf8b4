import { useEffect } from 'react';
import { LiveSocket } from '../../../live/live-socket';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button, Modal, Tag, Toast } from '@douyinfe/semi-ui-19';
import { hostSocketUrl, liveApi, type Room } from '../../../../api/live';
import { errorText, LoadView, useLoad } from '../../shell/common';
import { BagCard } from './BagCard';
import { FlashSaleCard } from './FlashSaleCard';
import { LiveDashboard } from './LiveDashboard';
import { CouponCard, LuckyBagFormCard } from './PromoCards';
import { scopeBase, type LiveScope } from './scope';
import { StreamKeyCard } from './StreamKeyCard';

/** Frames of the room's channel that change what the panel shows (sale stock, coupons claimed, lucky-bag draws, the pin). */
const PANEL_FRAMES = new Set(['sale', 'coupon', 'luckybag', 'pin', 'ended']);
const RELOAD_AFTER_MS = 300;

/** A room's control panel: open / end, stream key, bag and pin, flash sales, coupons, lucky bags, and the 大屏. */
export function LiveControlPanel({ scope }: { scope: LiveScope }) {
  const { roomId = '' } = useParams();
  const room = useLoad(() => liveApi.room(roomId), [roomId]);
  const { reload } = room;
  const live = room.data?.status === 'live';
  // Sale stock, claims and lucky-bag draws move on their own: follow the room's channel (as its
  // host, so the panel is not counted as a viewer) and reload shortly after a change; a
  // reconnect's state frame reloads too, in case a change was missed while offline.
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let joined = false;
    const soon = () => {
      if (timer === null) timer = setTimeout(() => ((timer = null), reload()), RELOAD_AFTER_MS);
    };
    const socket = new LiveSocket({
      url: hostSocketUrl(roomId),
      onStatus: () => {},
      onMessage: (m) => {
        if (m.t === 'state') {
          if (joined) soon();
          joined = true;
        } else if (PANEL_FRAMES.has(m.t)) soon();
      },
    });
    socket.start();
    return () => {
      socket.stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [live, roomId, reload]);
  return <LoadView state={room}>{(r) => <Panel room={r} scope={scope} reload={reload} />}</LoadView>;
}

function Panel({ room, scope, reload }: { room: Room; scope: LiveScope; reload(): void }) {
  const { t } = useTranslation();
  const ended = room.status === 'ended';

  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      Toast.success(done);
      reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  function end() {
    Modal.confirm({
      title: t('liveConsole.endConfirmTitle'),
      content: t('liveConsole.endConfirm'),
      okButtonProps: { type: 'danger', theme: 'solid', 'data-testid': 'live-end-confirm' } as object,
      onOk: () => act(() => liveApi.end(room.id), t('liveConsole.endedToast')),
    });
  }

  return (
    <div className="lc-page" data-testid="live-panel" data-room-id={room.id} data-status={room.status}>
      <div className="lc-head">
        <Link to={scopeBase(scope)} className="lc-back">
          ‹ {t('liveConsole.title')}
        </Link>
        <h2 className="lc-title">{room.title}</h2>
        <Tag
          color={room.status === 'live' ? 'red' : room.status === 'scheduled' ? 'blue' : 'grey'}
          data-testid="live-status"
        >
          {t(`liveConsole.statuses.${room.status}`)}
        </Tag>
        <span className="lc-head-actions">
          <a href={`/app/live/${encodeURIComponent(room.id)}`} target="_blank" rel="noopener">
            {t('liveConsole.watch')}
          </a>
          {room.status === 'scheduled' && (
            <Button
              theme="solid"
              type="primary"
              onClick={() => void act(() => liveApi.open(room.id), t('liveConsole.openedToast'))}
              data-testid="live-open"
            >
              {t('liveConsole.open')}
            </Button>
          )}
          {room.status === 'live' && (
            <Button theme="solid" type="danger" onClick={end} data-testid="live-end">
              {t('liveConsole.end')}
            </Button>
          )}
        </span>
      </div>
      <LiveDashboard roomId={room.id} live={room.status === 'live'} />
      {!ended && (
        <div className="lc-grid">
          <BagCard room={room} scope={scope} onChanged={reload} />
          <FlashSaleCard room={room} onChanged={reload} />
          <CouponCard room={room} onChanged={reload} />
          <LuckyBagFormCard room={room} onChanged={reload} />
          <StreamKeyCard roomId={room.id} />
        </div>
      )}
    </div>
  );
}
