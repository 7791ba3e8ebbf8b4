import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Popconfirm, Select, Table, Tag, Toast } from '@douyinfe/semi-ui-19';
import { liveApi, type BagItem, type Room } from '../../../../api/live';
import { formatFen } from '../../../../lib/money';
import { errorText, useLoad } from '../../shell/common';
import { bagCandidates, type LiveScope } from './scope';

/** 小黄车: add the shop's products or the showcase's, take them out, and pin one (讲解). */
export function BagCard({ room, scope, onChanged }: { room: Room; scope: LiveScope; onChanged(): void }) {
  const { t } = useTranslation();
  const candidates = useLoad(() => bagCandidates(scope), [scope.kind, scope.kind === 'shop' ? scope.shopId : '']);
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const inBag = new Set(room.bag.map((b) => b.id));
  const options = (candidates.data ?? [])
    .filter((c) => !inBag.has(c.productId))
    .map((c) => ({ value: c.productId, label: `${c.title} · ${formatFen(c.priceFen)}` }));
  const pinnedId = room.pinned?.id ?? null;

  async function run(key: string, action: () => Promise<unknown>, done: string) {
    setBusy(key);
    try {
      await action();
      Toast.success(done);
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="lc-card" title={t('liveConsole.bag.title', { n: room.bag.length })} data-testid="live-bag-card">
      <div className="lc-row">
        <Select
          filter
          value={choice ?? undefined}
          onChange={(v) => setChoice(String(v))}
          optionList={options}
          placeholder={scope.kind === 'creator' ? t('liveConsole.bag.fromShowcase') : t('liveConsole.bag.fromShop')}
          emptyContent={candidates.loading ? t('liveConsole.loading') : t('liveConsole.bag.noCandidates')}
          style={{ flex: 1, minWidth: 220 }}
          data-testid="live-bag-choose"
          aria-label={t('liveConsole.bag.add')}
        />
        <Button
          disabled={!choice}
          loading={busy === 'add'}
          onClick={() =>
            choice &&
            void run('add', () => liveApi.addToBag(room.id, choice), t('liveConsole.bag.added')).then(() =>
              setChoice(null),
            )
          }
          data-testid="live-bag-add"
        >
          {t('liveConsole.bag.add')}
        </Button>
      </div>
      <Table<BagItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={room.bag}
        empty={t('liveConsole.bag.empty')}
        onRow={(b?: BagItem) => ({ 'data-testid': 'live-bag-row', 'data-product-id': b?.id }) as object}
        columns={[
          { title: '#', width: 40, render: (_: unknown, _b: BagItem, i: number) => i + 1 },
          {
            title: t('liveConsole.bag.product'),
            dataIndex: 'title',
            render: (title: string, b: BagItem) => (
              <span>
                {title}{' '}
                {b.id === pinnedId && (
                  <Tag color="red" size="small">
                    {t('liveConsole.bag.pinned')}
                  </Tag>
                )}
              </span>
            ),
          },
          { title: t('liveConsole.price'), dataIndex: 'priceFen', render: (fen: number) => formatFen(fen) },
          {
            title: '',
            render: (_: unknown, b: BagItem) => (
              <span className="lc-actions">
                {b.id === pinnedId ? (
                  <Button
                    size="small"
                    loading={busy === `pin-${b.id}`}
                    onClick={() =>
                      void run(`pin-${b.id}`, () => liveApi.pin(room.id, null), t('liveConsole.bag.unpinned'))
                    }
                    data-testid="live-unpin"
                  >
                    {t('liveConsole.bag.unpin')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    theme="solid"
                    type="primary"
                    loading={busy === `pin-${b.id}`}
                    onClick={() =>
                      void run(`pin-${b.id}`, () => liveApi.pin(room.id, b.id), t('liveConsole.bag.pinnedToast'))
                    }
                    data-testid="live-pin"
                  >
                    {t('liveConsole.bag.pin')}
                  </Button>
                )}
                <Popconfirm
                  title={t('liveConsole.bag.removeConfirm')}
                  onConfirm={() =>
                    void run(`rm-${b.id}`, () => liveApi.removeFromBag(room.id, b.id), t('liveConsole.bag.removed'))
                  }
                >
                  <Button size="small" type="danger" theme="borderless">
                    {t('liveConsole.bag.remove')}
                  </Button>
                </Popconfirm>
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
