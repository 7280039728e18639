/**
 * The page: sign in, then the models, one model's comparison, or the earlier runs. The screen is named in the
 * URL's hash (router.ts), by ids only: no URL carries the token.
 */
import { setToken, token } from './api.js';
import { lang, setLang, t } from './i18n/index.js';
import { ModelView } from './model-view.js';
import { YearEndLazy } from './forecast/lazy-screen.js';
import { RecordsScreen } from './records/lazy-screen.js';
import { Models } from './models.js';
import { hrefOf, navigate, route } from './router.js';
import { RunScreen } from './runs/run-screen.js';
import { RunsList } from './runs/runs-list.js';
import { SignIn } from './sign-in.js';
import { VersionHistory } from './versions/version-history.js';
import { tenantOfToken } from './token-shape.js';

export function App() {
  const s = t();
  const signedIn = token.value !== null;
  const screen = route.value.screen;
  const tenant = token.value ? tenantOfToken(token.value) : null;
  return (
    <>
      <header class="top">
        <div>
          <p class="brand">{s.appTitle}</p>
          <p class="tagline">{s.appTagline}</p>
        </div>
        <div class="top-actions">
          {signedIn && (
            <nav aria-label={s.runsNavLabel} class="screens">
              <a
                href={hrefOf({ screen: 'models' })}
                aria-current={
                  screen === 'models' || screen === 'model' || screen === 'versions' || screen === 'forecast' ? 'page' : undefined
                }
              >
                {s.runsNavModels}
              </a>
              <a href={hrefOf({ screen: 'runs' })} aria-current={screen === 'runs' || screen === 'run' ? 'page' : undefined}>
                {s.runsNavRuns}
              </a>
            </nav>
          )}
          {signedIn && tenant && <span class="tenant">{s.signedInAs(tenant)}</span>}
          <button
            type="button"
            class="link"
            lang={lang.value === 'sv' ? 'en' : 'sv'}
            aria-label={s.otherLanguageName}
            onClick={() => setLang(lang.value === 'sv' ? 'en' : 'sv')}
          >
            {s.otherLanguage}
          </button>
          {signedIn && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setToken(null);
                navigate({ screen: 'models' });
              }}
            >
              {s.signOut}
            </button>
          )}
        </div>
      </header>
      <main>{signedIn ? <Screen /> : <SignIn />}</main>
    </>
  );
}

function Screen() {
  const r = route.value;
  switch (r.screen) {
    case 'runs':
      return <RunsList />;
    case 'calibrate':
      return <RecordsScreen key="calibrate" screen="calibrate" />;
    case 'backtest':
      return <RecordsScreen key="backtest" screen="backtest" />;
    case 'run':
      return <RunScreen id={r.id} />;
    case 'model':
      return <ModelView key={r.id} id={r.id} onBack={() => navigate({ screen: 'models' })} />;
    case 'versions':
      return <VersionHistory key={r.id} id={r.id} />;
    case 'forecast':
      return <YearEndLazy key={r.id} id={r.id} />;
    case 'models':
      return <Models onOpen={(id) => navigate({ screen: 'model', id })} />;
  }
}
