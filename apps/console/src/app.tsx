import { ReactNode, useEffect, useRef } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { api, ok } from './api/client';
import type { Directory } from './api/types';
import { oidcCallback, oidcSignOut } from './auth/oidc';
import { ConsoleRole, hasRole, Session, setSession, useSession } from './auth/session';
import { SignInConfig, signInConfig } from './auth/sign-in-config';
import { Status } from './components/status';
import { useLoad } from './components/use-load';
import { InTimeZone, Language, useI18n } from './i18n/i18n';
import { Forbidden, NotFound } from './pages/forbidden';
import { InitiativePage } from './pages/initiative';
import { Lagebild } from './pages/lagebild';
import { SignIn } from './pages/sign-in';
import { Worklist } from './pages/worklist';
import { CaseFile } from './pages/case-file';

export function App() {
  const config = useLoad(() => signInConfig(), []);
  return (
    <Router base={import.meta.env.BASE_URL.replace(/\/$/, '')}>
      <Status loaded={config}>{(loaded) => <Shell config={loaded} />}</Status>
    </Router>
  );
}

function Shell({ config }: { config: SignInConfig }) {
  const session = useSession();
  const [location] = useLocation();
  if (location === '/callback' && config.mode === 'oidc') return <Callback config={config} />;
  if (!session) return <SignIn config={config} />;
  return <SignedIn session={session} config={config} />;
}

function Callback({ config }: { config: Extract<SignInConfig, { mode: 'oidc' }> }) {
  const loaded = useLoad(() => oidcCallback(config), []);
  return (
    <main id="main">
      <Status loaded={loaded}>{(page) => <Redirect to={page} replace />}</Status>
    </main>
  );
}

const home = (session: Session) =>
  hasRole(session, 'analyst') ? '/lagebild' : hasRole(session, 'clerk') ? '/arbeitsliste' : null;

function SignedIn({ session, config }: { session: Session; config: SignInConfig }) {
  const { t } = useI18n();
  const directory = useLoad((signal) => api.GET('/v1/directory', { signal }).then(ok), [session.token]);
  const start = home(session);
  const withDirectory = (page: (directory: Directory) => ReactNode) => (
    <Status loaded={directory}>
      {({ data }) => <InTimeZone timeZone={data.metricsSettings.timeZone}>{page(data)}</InTimeZone>}
    </Status>
  );
  const only = (role: ConsoleRole, page: () => ReactNode) =>
    hasRole(session, role) ? page() : <Forbidden role={role} />;
  return (
    <>
      <Header session={session} config={config} />
      <Main>
        {start === null ? (
          <p role="alert">{t('signIn.noRoles')}</p>
        ) : (
          <Switch>
            <Route path="/">
              <Redirect to={start} replace />
            </Route>
            <Route path="/lagebild">{only('analyst', () => withDirectory((d) => <Lagebild directory={d} />))}</Route>
            <Route path="/initiative/:id?">
              {only('analyst', () => withDirectory((d) => <InitiativePage directory={d} />))}
            </Route>
            <Route path="/arbeitsliste">{only('clerk', () => withDirectory((d) => <Worklist directory={d} />))}</Route>
            <Route path="/vorgang/:id">{only('clerk', () => withDirectory((d) => <CaseFile directory={d} />))}</Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        )}
      </Main>
    </>
  );
}

/** The page's main landmark; after a change of page, focus moves to it so that reading starts at the new page. */
function Main({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const element = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else element.current?.focus();
  }, [location]);
  return (
    <main id="main" tabIndex={-1} ref={element}>
      {children}
    </main>
  );
}

function Header({ session, config }: { session: Session; config: SignInConfig }) {
  const { t, language, setLanguage } = useI18n();
  const [location] = useLocation();
  const links: { href: string; label: string; role: ConsoleRole }[] = [
    { href: '/lagebild', label: t('nav.lagebild'), role: 'analyst' },
    { href: '/initiative', label: t('nav.initiative'), role: 'analyst' },
    { href: '/arbeitsliste', label: t('nav.worklist'), role: 'clerk' },
  ];
  const signOut = () => {
    setSession(null);
    if (config.mode === 'oidc') void oidcSignOut(config);
  };
  const other: Language = language === 'de' ? 'en' : 'de';
  return (
    <header className="top">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('nav.label')}>
        <ul>
          {links
            .filter((link) => hasRole(session, link.role))
            .map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={location.startsWith(link.href) ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <span className="who">
        {t('app.signedInAs', {
          tenant: session.tenant,
          roles: session.roles
            .map((role) => (role === 'clerk' || role === 'analyst' ? t(`role.${role}`) : role))
            .join(', '),
        })}
      </span>
      <button type="button" lang={other} onClick={() => setLanguage(other)}>
        {t('app.otherLanguage')}
      </button>
      <button type="button" onClick={signOut}>
        {t('app.signOut')}
      </button>
    </header>
  );
}
