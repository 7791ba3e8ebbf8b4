import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  Banner,
  Button,
  Card,
  Input,
  Progress,
  Radio,
  RadioGroup,
  Select,
  Space,
  Tag,
  TextArea,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { IconUpload } from '@douyinfe/semi-icons';
import { ApiError } from '../../../api/client';
import { formatFen } from '../../../lib/money';
import { consoleApi, sendWithProgress, type ProductCard, type VideoCard } from '../api';
import { errorText, useLoad, warningText } from '../shell/common';

const MAX_VIDEO = 50 * 1024 * 1024;
const MAX_POSTER = 5 * 1024 * 1024;

/** #hashtags in a caption, as the server parses them (for the preview). */
export function hashtagsOf(caption: string): string[] {
  return [...new Set([...caption.matchAll(/#([\p{L}\p{N}_]{1,30})/gu)].map((m) => m[1]!))];
}

/** 发布作品: a video file, an optional poster, title, caption, up to 3 anchor products; publish now or save a draft. */
export function PublishVideo() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [poster, setPoster] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [caption, setCaption] = useState('');
  const [anchors, setAnchors] = useState<ProductCard[]>([]);
  const [options, setOptions] = useState<ProductCard[]>([]);
  const [searching, setSearching] = useState(false);
  const [publish, setPublish] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const tags = useMemo(() => hashtagsOf(caption), [caption]);
  const posterUrl = useMemo(() => (poster ? URL.createObjectURL(poster) : null), [poster]);
  const autoCover = useLoad(() => consoleApi.autoCover(), []);

  async function search(q: string) {
    const mine = ++seq.current;
    setSearching(true);
    try {
      const page = q.trim()
        ? await consoleApi
            .searchProducts(q.trim())
            .catch((e: unknown) =>
              e instanceof ApiError && e.status === 404 ? consoleApi.listedProducts() : Promise.reject(e),
            )
        : await consoleApi.listedProducts();
      if (mine === seq.current) setOptions(page.items);
    } catch (e) {
      if (mine === seq.current) Toast.error(errorText(e, t));
    } finally {
      if (mine === seq.current) setSearching(false);
    }
  }

  const fileProblem = file && file.size > MAX_VIDEO ? t('consoleUi.publish.tooBig', { mb: 50 }) : null;
  const posterProblem = poster && poster.size > MAX_POSTER ? t('consoleUi.publish.tooBig', { mb: 5 }) : null;
  const ready =
    file && !fileProblem && !posterProblem && title.trim().length >= 1 && title.length <= 55 && caption.length <= 300;

  async function submit() {
    if (!file) return;
    const form = new FormData();
    form.append('title', title.trim());
    form.append('caption', caption);
    form.append('productIds', JSON.stringify(anchors.map((a) => a.id)));
    form.append('hostKind', 'creator');
    form.append('publish', publish ? 'true' : 'false');
    form.append('file', file);
    if (poster) form.append('poster', poster);
    setError(null);
    setProgress(0);
    try {
      const video = await sendWithProgress<VideoCard>('/videos', form, setProgress);
      const warned = warningText(video, t);
      if (warned) Toast.warning(warned);
      else
        Toast.success(
          video.status === 'published' ? t('consoleUi.creator.publishedNow') : t('consoleUi.publish.savedDraft'),
        );
      if (video.status === 'review') Toast.info(t('moderation.inReviewHint'));
      navigate('/creator/videos');
    } catch (e) {
      setError(e);
      setProgress(null);
    }
  }

  const pick = (label: string, accept: string, chosen: File | null, set: (f: File | null) => void, testId: string) => (
    <label
      className="semi-button semi-button-tertiary semi-button-light"
      style={{
        display: 'inline-flex',
        gap: 6,
        alignItems: 'center',
        cursor: 'pointer',
        padding: '6px 12px',
        position: 'relative',
      }}
    >
      <IconUpload /> {chosen ? `${chosen.name} (${(chosen.size / 1024 / 1024).toFixed(1)} MB)` : label}
      <input
        type="file"
        accept={accept}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
        onChange={(e) => set(e.target.files?.[0] ?? null)}
        data-testid={testId}
      />
    </label>
  );

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.publish')}
      </Typography.Title>
      <div className="cs-grid-2">
        <Card title={t('consoleUi.publish.content')}>
          <Space vertical align="start" style={{ width: '100%' }}>
            <span className="cs-muted">{t('consoleUi.publish.file')}</span>
            {pick(t('consoleUi.publish.chooseVideo'), 'video/mp4,video/webm', file, setFile, 'video-file')}
            {fileProblem && <span style={{ color: 'var(--semi-color-danger)' }}>{fileProblem}</span>}
            <span className="cs-muted">{t('consoleUi.publish.poster')}</span>
            {pick(
              t('consoleUi.publish.choosePoster'),
              'image/jpeg,image/png,image/webp',
              poster,
              setPoster,
              'poster-file',
            )}
            {posterProblem && <span style={{ color: 'var(--semi-color-danger)' }}>{posterProblem}</span>}
            {posterUrl && <img src={posterUrl} alt="" className="cs-poster" style={{ width: 90, height: 160 }} />}
            {!poster && autoCover.data && (
              <span className="cs-muted" data-testid="auto-cover" data-kind={autoCover.data.kind}>
                {t(`consoleUi.publish.autoCover_${autoCover.data.kind}`)}
              </span>
            )}
            <label className="cs-muted" htmlFor="v-title">
              {t('consoleUi.publish.title')}
            </label>
            <Input
              id="v-title"
              value={title}
              onChange={setTitle}
              maxLength={55}
              showClear
              style={{ width: '100%' }}
              data-testid="video-title"
            />
            <label className="cs-muted" htmlFor="v-caption">
              {t('consoleUi.publish.caption')}
            </label>
            <TextArea
              id="v-caption"
              value={caption}
              onChange={setCaption}
              maxCount={300}
              rows={3}
              placeholder={t('consoleUi.publish.captionHint')}
              data-testid="video-caption"
            />
            {tags.length > 0 && (
              <Space wrap>
                {tags.map((h) => (
                  <Tag key={h} color="red">
                    #{h}
                  </Tag>
                ))}
              </Space>
            )}
          </Space>
        </Card>
        <Card title={t('consoleUi.publish.anchors')}>
          <p className="cs-muted" style={{ marginTop: 0 }}>
            {t('consoleUi.publish.anchorsHint')}
          </p>
          <Select
            multiple
            filter
            remote
            max={3}
            style={{ width: '100%' }}
            placeholder={t('consoleUi.publish.searchProducts')}
            loading={searching}
            onSearch={(q: string) => void search(q)}
            onFocus={() => options.length === 0 && void search('')}
            value={anchors.map((a) => a.id)}
            onChange={(ids) => {
              const list = (ids as string[]).slice(0, 3);
              const known = new Map([...anchors, ...options].map((p) => [p.id, p]));
              setAnchors(list.map((id) => known.get(id)!).filter(Boolean));
            }}
            onExceed={() => Toast.warning(t('consoleUi.publish.max3'))}
            optionList={[...anchors, ...options.filter((o) => !anchors.some((a) => a.id === o.id))].map((p) => ({
              value: p.id,
              label: `${p.title} · ${formatFen(p.priceFen)}`,
            }))}
            aria-label={t('consoleUi.publish.anchors')}
            data-testid="anchor-select"
            emptyContent={t('consoleUi.publish.noProducts')}
          />
          <div className="cs-anchor-list" style={{ marginTop: 12 }}>
            {anchors.map((a) => (
              <span className="cs-title-cell" key={a.id}>
                {a.imageUrl ? <img className="cs-thumb" src={a.imageUrl} alt="" /> : <span className="cs-thumb" />}
                <span style={{ flex: 1 }}>{a.title}</span>
                <span style={{ color: '#fe2c55', flex: 'none' }}>{formatFen(a.priceFen)}</span>
              </span>
            ))}
          </div>
        </Card>
      </div>
      <Card>
        <Space vertical align="start" style={{ width: '100%' }}>
          <RadioGroup value={publish ? 'now' : 'draft'} onChange={(e) => setPublish(e.target.value === 'now')}>
            <Radio value="now">{t('consoleUi.publish.now')}</Radio>
            <Radio value="draft">{t('consoleUi.publish.draft')}</Radio>
          </RadioGroup>
          {progress !== null && (
            <Progress percent={progress} showInfo style={{ width: 360 }} aria-label={t('consoleUi.uploading')} />
          )}
          {error != null && <Banner type="danger" closeIcon={null} description={errorText(error, t)} />}
          <Button
            theme="solid"
            size="large"
            disabled={!ready || progress !== null}
            onClick={() => void submit()}
            data-testid="video-submit"
          >
            {progress !== null
              ? t('consoleUi.uploading')
              : publish
                ? t('consoleUi.publish.submitNow')
                : t('consoleUi.publish.submitDraft')}
          </Button>
        </Space>
      </Card>
    </>
  );
}
