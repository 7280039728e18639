import { useState } from 'preact/hooks';
import { api, ApiError, sessionEnded, setToken } from './api.js';
import { ErrorMessage } from './errors.js';
import { useFocusOnShow } from './focus.js';
import { t } from './i18n/index.js';
import { tenantOfToken } from './token-shape.js';

export function SignIn() {
  const s = t();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useFocusOnShow<HTMLHeadingElement>();

  const submit = async (e: Event) => {
    e.preventDefault();
    const candidate = value.trim();
    if (!candidate) {
      setError(new Error(s.tokenEmpty));
      return;
    }
    // Something that is not a token at all is told apart from a token the server does not accept.
    const tenant = tenantOfToken(candidate);
    if (tenant === null) {
      setError(new Error(s.runsNotAToken));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.verify(candidate);
      sessionEnded.value = false;
      setToken(candidate);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error(s.runsTokenRefused(tenant)) : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title" ref={heading} tabIndex={-1}>
        {s.signInTitle}
      </h1>
      <p>{s.signInIntro}</p>
      {sessionEnded.value && !error && (
        <p class="notice" role="status">
          {s.runsSessionEnded}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label for="token">{s.tokenLabel}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={value}
          aria-describedby="token-help token-error"
          aria-invalid={error ? true : undefined}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
        <p class="help" id="token-help">
          {s.tokenHelp}
        </p>
        <ErrorMessage error={error} id="token-error" />
        <button type="submit" disabled={busy}>
          {busy ? s.signingIn : s.signIn}
        </button>
      </form>
    </section>
  );
}
