import { FormEvent, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { devSignIn } from '../auth/dev-sign-in';
import { oidcSignIn } from '../auth/oidc';
import { ConsoleRole, CONSOLE_ROLES } from '../auth/session';
import type { SignInConfig } from '../auth/sign-in-config';
import { useI18n } from '../i18n/i18n';

export function SignIn({ config }: { config: SignInConfig }) {
  const { t } = useI18n();
  const [tenant, setTenant] = useState('musterstadt');
  const [role, setRole] = useState<ConsoleRole>('analyst');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The page asked for (a bookmark): after signing in, the console shows it.
  const [location] = useLocation();
  const search = useSearch();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const signingIn =
      config.mode === 'oidc'
        ? oidcSignIn(config, `${location}${search ? `?${search}` : ''}`)
        : devSignIn(tenant.trim(), [role]);
    signingIn.catch((failure: Error) => setError(failure.message)).finally(() => setBusy(false));
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {config.mode === 'unconfigured' && <p role="alert">{t('signIn.unconfigured')}</p>}
      {config.mode === 'oidc' && (
        <form onSubmit={submit}>
          <p>{t('signIn.oidcIntro')}</p>
          <button type="submit" disabled={busy}>
            {t('signIn.oidcSubmit')}
          </button>
        </form>
      )}
      {config.mode === 'development' && (
        <form onSubmit={submit}>
          <p>{t('signIn.devIntro')}</p>
          <label>
            {t('signIn.tenant')}
            <input
              name="tenant"
              value={tenant}
              onChange={(event) => setTenant(event.target.value)}
              required
              pattern="[a-z0-9][a-z0-9\-]{0,62}"
              autoComplete="organization"
            />
          </label>
          <fieldset>
            <legend>{t('signIn.role')}</legend>
            {CONSOLE_ROLES.map((name) => (
              <label key={name} className="choice">
                <input type="radio" name="role" value={name} checked={role === name} onChange={() => setRole(name)} />
                {t(`role.${name}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {t('signIn.failed', { detail: error })}
        </p>
      )}
    </main>
  );
}
