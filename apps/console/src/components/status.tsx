import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { Loaded } from './use-load';

/** Loading and error states of a loaded part of a page; its content once loaded. */
export function Status<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T> & { reload(): void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (loaded.state === 'loading')
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  if (loaded.state === 'error')
    return (
      <div className="error" role="alert">
        <p>{t('app.error', { detail: loaded.error })}</p>
        <button type="button" onClick={loaded.reload}>
          {t('app.retry')}
        </button>
      </div>
    );
  return <>{children(loaded.data)}</>;
}
