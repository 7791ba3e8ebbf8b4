import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SearchIcon } from '../../components/Icons';

/** The search icon of the top bar. */
export function SearchLink() {
  const { t } = useTranslation();
  return (
    <Link to="/app/search" className="icon-link" aria-label={t('nav.search')} data-testid="search-link">
      <SearchIcon size={22} />
    </Link>
  );
}
