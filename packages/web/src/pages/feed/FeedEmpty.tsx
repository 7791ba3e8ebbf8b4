import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { loginUrl } from '../../lib/next';

/** Never a dead end: an empty tab says why and offers the next step. */
export function FeedEmpty({ tab, needsLogin = false }: { tab: 'recommend' | 'following'; needsLogin?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (needsLogin) {
    return (
      <div className="feed-empty" data-testid="feed-empty">
        <p className="empty-title">{t('feed.followingLogin')}</p>
        <Link to={loginUrl(location.pathname + location.search)} className="btn btn-primary">
          {t('feed.login')}
        </Link>
      </div>
    );
  }
  return (
    <div className="feed-empty" data-testid="feed-empty">
      <p className="empty-title">{tab === 'following' ? t('feed.emptyFollowing') : t('feed.emptyRecommend')}</p>
      <p className="feed-empty-hint">
        {tab === 'following' ? t('feed.emptyFollowingHint') : t('feed.emptyRecommendHint')}
      </p>
      {tab === 'following' ? (
        <Link to="/app" className="btn btn-primary">
          {t('feed.toRecommend')}
        </Link>
      ) : (
        <Link to="/app/mall" className="btn btn-primary">
          {t('feed.toMall')}
        </Link>
      )}
    </div>
  );
}
