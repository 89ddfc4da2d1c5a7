import { useI18n } from '../i18n/i18n';
import type { ConsoleRole } from '../auth/session';

export function Forbidden({ role }: { role: ConsoleRole }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text', { role: t(`role.${role}`) })}</p>
    </>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return <h1>{t('notFound.title')}</h1>;
}
