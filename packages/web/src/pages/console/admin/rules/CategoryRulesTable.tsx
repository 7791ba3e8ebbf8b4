import { useTranslation } from 'react-i18next';
import { Button, Descriptions, Table, Tag } from '@douyinfe/semi-ui-19';
import type { CategoryRules, RuleBook } from '../../ops-api';
import { EmptyState } from '../../shell/common';
import { BOOL_FIELDS, GROUPS, NUM_FIELDS, overriddenKeys, type FieldKey } from './rule-fields';
import { OverrideTag, RuleCell } from './RuleValue';

const SUMMARY: FieldKey[] = [
  'shipByHours',
  'unpaidCancelMinutes',
  'lateShipment.compensationBp',
  'autoConfirmDays',
  'feeRateBp',
  'perishable',
];

/** Every category's rule profile: the main rules in columns, all of them (with defaults and marks) when a row is expanded. */
export function CategoryRulesTable({
  items,
  book,
  onEdit,
}: {
  items: CategoryRules[];
  book: RuleBook;
  onEdit: (c: CategoryRules) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <EmptyState title={t('ops.rules.empty')} />;
  const label = (k: FieldKey) => t(`ops.rules.field.${k}`);
  return (
    <Table
      size="small"
      rowKey="categoryId"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      data-testid="rules-table"
      onRow={(c?: CategoryRules) => ({ 'data-testid': 'rules-row', 'data-category-id': c?.categoryId }) as object}
      expandedRowRender={(c?: CategoryRules) => (c ? <FullProfile c={c} book={book} /> : null)}
      columns={[
        { title: t('ops.rules.category'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
        ...SUMMARY.map((k) => ({
          title: label(k),
          dataIndex: 'rules',
          key: k,
          render: (_: unknown, c: CategoryRules) => <RuleCell book={book} profile={c.rules} field={k} />,
        })),
        {
          title: t('ops.rules.overrides'),
          dataIndex: 'categoryId',
          key: 'overrides',
          render: (_: unknown, c: CategoryRules) => {
            const n = overriddenKeys(book, c.rules).length;
            return n > 0 ? (
              <Tag color="orange" size="small">
                {t('ops.rules.overridesN', { count: n })}
              </Tag>
            ) : (
              <span className="cs-muted">{t('ops.rules.noOverrides')}</span>
            );
          },
        },
        {
          title: '',
          dataIndex: 'categoryId',
          key: 'actions',
          render: (_: unknown, c: CategoryRules) => (
            <Button
              size="small"
              theme="borderless"
              onClick={() => onEdit(c)}
              data-testid="rules-edit"
              aria-label={`${t('ops.rules.edit')} · ${c.name}`}
            >
              {t('consoleUi.edit')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** All rules of one category, grouped, each with 默认 / 已覆盖 and the default when overridden. */
function FullProfile({ c, book }: { c: CategoryRules; book: RuleBook }) {
  const { t } = useTranslation();
  return (
    <div className="rl-groups" data-testid="rules-full">
      {GROUPS.map((g) => (
        <div key={g} className="rl-group">
          <div className="rl-group-title">{t(`ops.rules.groups.${g}`)}</div>
          <Descriptions
            size="small"
            data={[...NUM_FIELDS, ...BOOL_FIELDS]
              .filter((f) => f.group === g)
              .map((f) => ({
                key: t(`ops.rules.field.${f.key}`),
                value: (
                  <span className="rl-line">
                    <RuleCell book={book} profile={c.rules} field={f.key} />{' '}
                    <OverrideTag book={book} profile={c.rules} field={f.key} />
                  </span>
                ),
              }))}
          />
        </div>
      ))}
    </div>
  );
}
