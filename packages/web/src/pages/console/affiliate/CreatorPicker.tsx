import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from '@douyinfe/semi-ui-19';
import { searchCreators, type CreatorMatch } from '../../../api/affiliate';

/**
 * Picks creators by name or handle: a Semi Select searching the creator directory as the merchant
 * (or MCN) types, showing 昵称 @handle · followers. Gives the chosen creators' ids.
 */
export function CreatorPicker({
  multiple = false,
  value,
  onChange,
  testId,
}: {
  multiple?: boolean;
  value: string[];
  onChange: (ids: string[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [found, setFound] = useState<CreatorMatch[]>([]);
  const [known, setKnown] = useState<Map<string, CreatorMatch>>(new Map());
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef('');
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function search(text: string) {
    const q = text.trim();
    latest.current = q;
    if (timer.current) clearTimeout(timer.current);
    if (!q) {
      setFound([]);
      return;
    }
    timer.current = setTimeout(() => {
      setLoading(true);
      searchCreators(q.slice(0, 40))
        .then((items) => {
          if (latest.current !== q) return;
          setFound(items);
          setKnown((m) => new Map([...m, ...items.map((i) => [i.id, i] as const)]));
        })
        .catch(() => latest.current === q && setFound([]))
        .finally(() => latest.current === q && setLoading(false));
    }, 250);
  }

  const label = (c: CreatorMatch) => `${c.displayName} @${c.login}`;
  const chosen = value.map((id) => known.get(id)).filter((c): c is CreatorMatch => Boolean(c));
  const options = [...chosen, ...found.filter((f) => !value.includes(f.id))].map((c) => ({
    value: c.id,
    label: label(c),
    creator: c,
  }));
  return (
    <Select
      style={{ width: '100%' }}
      multiple={multiple}
      filter
      remote
      loading={loading}
      onSearch={search}
      value={multiple ? value : value[0]}
      onChange={(v) => onChange(v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)])}
      optionList={options}
      renderOptionItem={(props) => {
        const o = props as unknown as {
          creator: CreatorMatch;
          selected?: boolean;
          focused?: boolean;
          onClick?: () => void;
          onMouseEnter?: () => void;
        };
        return (
          <div
            className={`semi-select-option${o.focused ? ' semi-select-option-focused' : ''}${o.selected ? ' semi-select-option-selected' : ''}`}
            onClick={o.onClick}
            onMouseEnter={o.onMouseEnter}
            data-testid="creator-option"
            style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}
          >
            <span>
              {o.creator.displayName} <span className="cs-muted">@{o.creator.login}</span>
            </span>
            <span className="cs-muted">{t('affiliate.picker.followers', { n: o.creator.followers })}</span>
          </div>
        );
      }}
      emptyContent={latest.current ? t('affiliate.picker.none') : t('affiliate.picker.typeToSearch')}
      placeholder={t('affiliate.picker.placeholder')}
      showClear
      data-testid={testId}
    />
  );
}
