import { useTranslation } from 'react-i18next';
import type { UserRole } from '../api/types';

/** The user's roles as tags: 消费者, 商家 (shp_…), … */
export function RoleList({ roles }: { roles: UserRole[] }) {
  const { t } = useTranslation();
  return (
    <ul className="roles" data-testid="roles">
      {roles.map((r) => (
        <li key={`${r.role}:${r.shopId ?? ''}`} className="role-tag" data-role={r.role}>
          {t(`roles.${r.role}`, { defaultValue: r.role })}
          {r.shopId && <small> · {t('me.shop', { shopId: r.shopId })}</small>}
        </li>
      ))}
    </ul>
  );
}
