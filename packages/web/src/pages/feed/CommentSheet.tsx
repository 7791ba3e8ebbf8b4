import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listComments, postComment } from '../../api/shopper';
import type { Comment, CommentReply } from '../../api/shopper-types';
import { ErrorNote } from '../../components/ErrorNote';
import { ReportSheet } from '../../components/ReportSheet';
import { Sheet } from '../../components/Sheet';
import { SkeletonLines } from '../../components/Skeleton';
import { TimeAgo } from '../../components/TimeAgo';
import { formatCount } from '../../lib/format';

interface Props {
  videoId: string;
  count: number;
  signedIn: boolean;
  onNeedLogin(): void;
  onPosted(): void;
  onClose(): void;
  /** A short message for the screen's toast (a report was sent). */
  onToast?(message: string): void;
}

/** Threaded comments (one level of replies) in a bottom sheet, with an input at the bottom. */
export function CommentSheet({ videoId, count, signedIn, onNeedLogin, onPosted, onClose, onToast }: Props) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Comment[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<{ id: string; name: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);
  const report = (id: string) => (signedIn ? setReporting(id) : onNeedLogin());

  async function load(next: string | null) {
    setError(null);
    try {
      const page = await listComments(videoId, next);
      setItems((old) => (next && old ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
      setItems((old) => old ?? []);
    }
  }

  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [videoId]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!signedIn) return onNeedLogin();
    const body = text.trim();
    if (!body) return;
    if (Array.from(body).length > 500) return setError(new Error(t('comments.tooLong')));
    setSending(true);
    setError(null);
    try {
      const created = await postComment(videoId, body, replyTo?.id);
      setItems((old) => insert(old ?? [], created, replyTo?.id ?? null));
      setText('');
      setReplyTo(null);
      onPosted();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  return (
    <Sheet
      title={t('comments.title', { n: formatCount(count, i18n.language) })}
      onClose={onClose}
      testId="comment-sheet"
      tall
    >
      <div className="comments">
        {items === null && <SkeletonLines lines={4} />}
        {items !== null && items.length === 0 && !error && <p className="empty muted">{t('comments.empty')}</p>}
        <ul className="comment-list">
          {items?.map((c) => (
            <li key={c.id} className="comment">
              <CommentRow
                comment={c}
                onReply={() => setReplyTo({ id: c.id, name: c.author.displayName })}
                onReport={() => report(c.id)}
              />
              {c.replies.length > 0 && (
                <ul className="comment-replies">
                  {c.replies.map((r) => (
                    <li key={r.id} className="comment">
                      <CommentRow
                        comment={r}
                        onReply={() => setReplyTo({ id: c.id, name: r.author.displayName })}
                        onReport={() => report(r.id)}
                      />
                    </li>
                  ))}
                </ul>
              )}
              {c.replyCount > c.replies.length && (
                <small className="muted">{t('comments.replies', { n: c.replyCount - c.replies.length })}</small>
              )}
            </li>
          ))}
        </ul>
        {cursor && (
          <button type="button" className="btn btn-small" onClick={() => void load(cursor)}>
            {t('comments.loadMore')}
          </button>
        )}
        {error != null && <ErrorNote error={error} />}
      </div>
      <form className="comment-input" onSubmit={(e) => void send(e)}>
        <input
          value={text}
          maxLength={500}
          placeholder={replyTo ? t('comments.replyTo', { name: replyTo.name }) : t('comments.placeholder')}
          aria-label={t('comments.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onFocus={() => !signedIn && onNeedLogin()}
        />
        <button type="submit" className="btn btn-primary btn-small" disabled={sending || !text.trim()}>
          {t('comments.send')}
        </button>
      </form>
      {reporting && (
        <ReportSheet
          kind="comment"
          subjectId={reporting}
          onClose={() => setReporting(null)}
          onDone={(message) => {
            setReporting(null);
            onToast?.(message);
          }}
        />
      )}
    </Sheet>
  );
}

function CommentRow({ comment, onReply, onReport }: { comment: CommentReply; onReply(): void; onReport(): void }) {
  const { t } = useTranslation();
  return (
    <div className="comment-row">
      <span className="comment-avatar" aria-hidden="true">
        {Array.from(comment.author.displayName)[0]}
      </span>
      <div className="comment-main">
        <span className="comment-author">{comment.author.displayName}</span>
        <p className="comment-text">{comment.text}</p>
        <span className="comment-meta">
          <TimeAgo ms={comment.createdAt} />
          <button type="button" className="link-btn" onClick={onReply}>
            {t('comments.reply')}
          </button>
          <button type="button" className="link-btn" data-testid="comment-report" onClick={onReport}>
            {t('moderation.report')}
          </button>
        </span>
      </div>
    </div>
  );
}

function insert(list: Comment[], created: Comment | CommentReply, parentId: string | null): Comment[] {
  if (!parentId) return [{ replies: [], replyCount: 0, ...created }, ...list];
  return list.map((c) =>
    c.id === parentId ? { ...c, replies: [...c.replies, created], replyCount: c.replyCount + 1 } : c,
  );
}
