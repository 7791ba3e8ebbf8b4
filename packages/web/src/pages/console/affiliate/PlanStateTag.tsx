import { useTranslation } from 'react-i18next';
import { Tag } from '@douyinfe/semi-ui-19';

const COLOR: Record<string, 'green' | 'orange' | 'grey' | 'red' | 'blue' | 'violet'> = {
  active: 'green',
  closing: 'orange',
  closed: 'grey',
  pending: 'violet',
  rejected: 'red',
  approved: 'green',
  proposed: 'violet',
  declined: 'red',
  ended: 'grey',
  withdrawn: 'grey',
};

/** A coloured tag for a plan, application, activity product or contract state, in the UI language. */
export function PlanStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const key = `affiliate.state.${state}`;
  return (
    <span data-state={state}>
      <Tag size="small" color={COLOR[state] ?? 'grey'}>
        {t(key, { defaultValue: state })}
      </Tag>
    </span>
  );
}
