/** The page: sign in, then the models, then one model's comparison. No URL carries state or the token. */
import { useState } from 'preact/hooks';
import { setToken, token } from './api.js';
import { lang, setLang, t } from './i18n/index.js';
import { ModelView } from './model-view.js';
import { Models } from './models.js';
import { SignIn } from './sign-in.js';

export function App() {
  const s = t();
  const [openId, setOpenId] = useState<string | null>(null);
  const signedIn = token.value !== null;
  return (
    <>
      <header class="top">
        <div>
          <p class="brand">{s.appTitle}</p>
          <p class="tagline">{s.appTagline}</p>
        </div>
        <nav class="top-actions">
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
                setOpenId(null);
              }}
            >
              {s.signOut}
            </button>
          )}
        </nav>
      </header>
      <main>
        {!signedIn ? <SignIn /> : openId ? <ModelView id={openId} onBack={() => setOpenId(null)} /> : <Models onOpen={setOpenId} />}
      </main>
    </>
  );
}
