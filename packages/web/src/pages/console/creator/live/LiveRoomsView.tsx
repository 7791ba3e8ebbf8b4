import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Card, Input, Table, TabPane, Tabs, Tag, Toast } from '@douyinfe/semi-ui-19';
import { liveApi, type RoomCard, type RoomStatus } from '../../../../api/live';
import { formatDateTime } from '../../../../lib/format';
import { errorText, LoadView, useLoad } from '../../shell/common';
import { scopeBase, scopeRooms, type LiveScope } from './scope';

const TABS: RoomStatus[] = ['live', 'scheduled', 'ended'];
const STATUS_COLOR = { live: 'red', scheduled: 'blue', ended: 'grey' } as const;

/** 直播 home: schedule a room, and the rooms on air, scheduled and past (each opens its panel or report). */
export function LiveRoomsView({ scope }: { scope: LiveScope }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<RoomStatus>('live');
  const [version, setVersion] = useState(0);
  return (
    <div className="lc-page">
      <h2 className="lc-title">{t('liveConsole.title')}</h2>
      <ScheduleForm scope={scope} onCreated={() => (setTab('scheduled'), setVersion((v) => v + 1))} />
      <Card className="lc-card">
        <Tabs activeKey={tab} onChange={(k) => setTab(k as RoomStatus)} type="line">
          {TABS.map((s) => (
            <TabPane key={s} itemKey={s} tab={t(`liveConsole.tabs.${s}`)}>
              {tab === s && <RoomTable key={`${s}-${version}`} scope={scope} status={s} />}
            </TabPane>
          ))}
        </Tabs>
      </Card>
    </div>
  );
}

function RoomTable({ scope, status }: { scope: LiveScope; status: RoomStatus }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const rooms = useLoad(
    () => scopeRooms(scope, status),
    [scope.kind, scope.kind === 'shop' ? scope.shopId : '', status],
  );
  const when = (ms: number | null | undefined) => (ms ? formatDateTime(ms, i18n.language) : '—');
  return (
    <LoadView state={rooms}>
      {(items) => (
        <Table<RoomCard>
          rowKey="id"
          dataSource={items}
          pagination={items.length > 10 ? { pageSize: 10 } : false}
          empty={t(`liveConsole.empty.${status}`)}
          onRow={(row?: RoomCard) => ({ 'data-testid': 'live-room-row', 'data-room-id': row?.id }) as object}
          columns={[
            { title: t('liveConsole.room'), dataIndex: 'title' },
            {
              title: t('liveConsole.status'),
              dataIndex: 'status',
              render: (s: RoomStatus) => <Tag color={STATUS_COLOR[s]}>{t(`liveConsole.statuses.${s}`)}</Tag>,
            },
            {
              title: t('liveConsole.when'),
              render: (_: unknown, r: RoomCard) => when(r.endedAt ?? r.openedAt ?? r.createdAt),
            },
            {
              title: '',
              render: (_: unknown, r: RoomCard) => (
                <Button
                  theme="solid"
                  type={r.status === 'ended' ? 'tertiary' : 'primary'}
                  onClick={() => navigate(`${scopeBase(scope)}/${encodeURIComponent(r.id)}`)}
                  data-testid="live-room-manage"
                >
                  {r.status === 'ended' ? t('liveConsole.report') : t('liveConsole.manage')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </LoadView>
  );
}

function ScheduleForm({ scope, onCreated }: { scope: LiveScope; onCreated(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = title.trim();
  async function create() {
    setBusy(true);
    try {
      const room = await liveApi.create({ title: trimmed, ...(scope.kind === 'shop' ? { shopId: scope.shopId } : {}) });
      Toast.success(t('liveConsole.created'));
      setTitle('');
      onCreated();
      navigate(`${scopeBase(scope)}/${encodeURIComponent(room.id)}`);
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card className="lc-card" title={t('liveConsole.schedule')}>
      <div className="lc-row">
        <Input
          value={title}
          onChange={setTitle}
          maxLength={60}
          placeholder={t('liveConsole.titlePlaceholder')}
          aria-label={t('liveConsole.roomTitle')}
          style={{ maxWidth: 360 }}
          data-testid="live-new-title"
        />
        <Button
          theme="solid"
          type="primary"
          disabled={!trimmed || busy}
          loading={busy}
          onClick={() => void create()}
          data-testid="live-create"
        >
          {t('liveConsole.create')}
        </Button>
      </div>
    </Card>
  );
}
