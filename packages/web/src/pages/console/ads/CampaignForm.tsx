import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Radio,
  RadioGroup,
  Select,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { errorText, LoadView, useLoad } from '../shell/common';
import {
  adsApi,
  adsApiFor,
  daytimeSchedule,
  type AdBidKind,
  type AdGoal,
  type AdPacing,
  type AdScope,
} from './ads-api';

/** The new-campaign dialog: what is promoted (a published video carrying the shop's product or the creator's own video, or the advertiser's live room), goal, bid, daily budget, pacing, schedule, regions, people like my buyers. */
export function CampaignForm({
  scope,
  onClose,
  onCreated,
}: {
  scope: AdScope;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const creator = scope.kind === 'creator';
  const key = scope.kind === 'shop' ? scope.shopId : 'creator';
  const creatives = useLoad(() => adsApiFor(scope).creatives(), [key]);
  // The rooms this person hosts: the shop's for a shop, their own for a creator.
  const rooms = useLoad(
    () =>
      adsApi.rooms().then((r) => ({
        items: r.items.filter(
          (x) =>
            x.status !== 'ended' &&
            (scope.kind === 'shop' ? x.host.kind === 'shop' && x.host.id === scope.shopId : x.host.kind === 'creator'),
        ),
      })),
    [key],
  );
  const [promote, setPromote] = useState<'video' | 'live_room'>('video');
  const [liveRoomId, setLiveRoomId] = useState<string | undefined>();
  const [lookalike, setLookalike] = useState(false);
  const [name, setName] = useState('');
  const [videoId, setVideoId] = useState<string | undefined>();
  const [goal, setGoal] = useState<Exclude<AdGoal, 'live_entries'>>('orders');
  const [bidKind, setBidKind] = useState<AdBidKind>('cost_cap');
  const [costCap, setCostCap] = useState<number>(30);
  const [roi, setRoi] = useState<number>(3);
  const [budget, setBudget] = useState<number>(300);
  const [pacing, setPacing] = useState<AdPacing>('even');
  const [daytime, setDaytime] = useState(false);
  const [regions, setRegions] = useState('');
  const [busy, setBusy] = useState(false);
  const live = promote === 'live_room';
  const effectiveBid: AdBidKind = live ? 'cost_cap' : goal === 'gmv' ? 'target_roi' : bidKind;

  const submit = async () => {
    if ((live ? !liveRoomId : !videoId) || !name.trim()) {
      Toast.warning(t('ads.form.missing'));
      return;
    }
    setBusy(true);
    try {
      await adsApiFor(scope).create({
        name: name.trim(),
        ...(live
          ? { promote: 'live_room' as const, liveRoomId, goal: 'live_entries' as const }
          : { promote: 'video' as const, videoId, goal }),
        bidKind: effectiveBid,
        ...(effectiveBid === 'cost_cap' ? { costCapFen: Math.round(costCap * 100) } : { roiTarget: roi }),
        dailyBudgetFen: Math.round(budget * 100),
        pacing,
        ...(daytime ? { schedule: daytimeSchedule() } : {}),
        ...(lookalike ? { targetLookalike: true } : {}),
        ...(regions.trim() ? { targetRegions: regions.split(/[,，\s]+/).filter(Boolean) } : {}),
      });
      Toast.success(t('ads.form.created'));
      onCreated();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const row = (label: string, child: React.ReactNode) => (
    <div style={{ marginBottom: 14 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      {child}
    </div>
  );
  return (
    <Modal
      visible
      title={t('ads.newCampaign')}
      onCancel={onClose}
      onOk={submit}
      okText={t('ads.form.create')}
      confirmLoading={busy}
      width={620}
      okButtonProps={{ 'data-testid': 'ads-create' } as object}
    >
      {row(t('ads.form.name'), <Input value={name} onChange={setName} maxLength={60} data-testid="ads-name" />)}
      {row(
        t('ads.form.promote'),
        <RadioGroup
          value={promote}
          onChange={(e) => setPromote(e.target.value as 'video' | 'live_room')}
          data-testid="ads-promote"
        >
          <Radio value="video">{t('ads.form.promoteVideo')}</Radio>
          <Radio value="live_room">{t('ads.form.promoteLive')}</Radio>
        </RadioGroup>,
      )}
      {live &&
        row(
          t('ads.form.room'),
          <LoadView state={rooms}>
            {({ items }) =>
              items.length === 0 ? (
                <Typography.Text type="warning">
                  {t(creator ? 'ads.creator.noRooms' : 'ads.form.noRooms')}
                </Typography.Text>
              ) : (
                <Select
                  style={{ width: '100%' }}
                  value={liveRoomId}
                  onChange={(v) => setLiveRoomId(v as string)}
                  placeholder={t('ads.form.pickRoom')}
                  data-testid="ads-room"
                  optionList={items.map((r) => ({ value: r.id, label: r.title }))}
                />
              )
            }
          </LoadView>,
        )}
      {!live &&
        row(
          t('ads.form.creative'),
          <LoadView state={creatives}>
            {({ items }) =>
              items.length === 0 ? (
                <Typography.Text type="warning">
                  {t(creator ? 'ads.creator.noCreatives' : 'ads.form.noCreatives')}
                </Typography.Text>
              ) : (
                <Select
                  style={{ width: '100%' }}
                  value={videoId}
                  onChange={(v) => setVideoId(v as string)}
                  placeholder={t('ads.form.pickCreative')}
                  data-testid="ads-creative"
                  optionList={items.map((c) => ({ value: c.videoId, label: `${c.title} · ${c.productTitle}` }))}
                />
              )
            }
          </LoadView>,
        )}
      {!live &&
        row(
          t('ads.form.goal'),
          <RadioGroup value={goal} onChange={(e) => setGoal(e.target.value as 'orders' | 'gmv')}>
            <Radio value="orders">{t('ads.goal.orders')}</Radio>
            <Radio value="gmv">{t('ads.goal.gmv')}</Radio>
          </RadioGroup>,
        )}
      {!live &&
        goal === 'orders' &&
        row(
          t('ads.form.bidKind'),
          <RadioGroup value={bidKind} onChange={(e) => setBidKind(e.target.value as AdBidKind)}>
            <Radio value="cost_cap">{t('ads.bidKind.cost_cap')}</Radio>
            <Radio value="target_roi">{t('ads.bidKind.target_roi')}</Radio>
          </RadioGroup>,
        )}
      {effectiveBid === 'cost_cap'
        ? row(
            t(live ? 'ads.form.costPerEntry' : 'ads.form.costCap'),
            <InputNumber
              prefix="¥"
              min={0.1}
              max={10000}
              precision={2}
              value={costCap}
              onChange={(v) => setCostCap(Number(v) || 0)}
              data-testid="ads-cost-cap"
            />,
          )
        : row(
            t('ads.form.roi'),
            <InputNumber min={0.01} max={100} precision={2} value={roi} onChange={(v) => setRoi(Number(v) || 0)} />,
          )}
      {row(
        t('ads.form.budget'),
        <InputNumber
          prefix="¥"
          min={100}
          precision={2}
          value={budget}
          onChange={(v) => setBudget(Number(v) || 0)}
          data-testid="ads-budget"
        />,
      )}
      {row(
        t('ads.form.pacing'),
        <RadioGroup value={pacing} onChange={(e) => setPacing(e.target.value as AdPacing)}>
          <Radio value="even">{t('ads.pacing.even')}</Radio>
          <Radio value="fast">{t('ads.pacing.fast')}</Radio>
        </RadioGroup>,
      )}
      {row(
        t('ads.form.schedule'),
        <RadioGroup value={daytime ? 'day' : 'all'} onChange={(e) => setDaytime(e.target.value === 'day')}>
          <Radio value="all">{t('ads.form.allDay')}</Radio>
          <Radio value="day">{t('ads.form.daytime')}</Radio>
        </RadioGroup>,
      )}
      {row(
        t('ads.form.regions'),
        <Input value={regions} onChange={setRegions} placeholder={t('ads.form.regionsHint')} />,
      )}
      <div style={{ marginBottom: 14 }}>
        <Checkbox
          checked={lookalike}
          onChange={(e) => setLookalike(Boolean(e.target.checked))}
          data-testid="ads-lookalike"
        >
          {t(creator ? 'ads.creator.lookalike' : 'ads.form.lookalike')}
        </Checkbox>
      </div>
      <Typography.Paragraph type="tertiary" size="small">
        {t('ads.form.note')}
      </Typography.Paragraph>
    </Modal>
  );
}
