/**
 * A model or run that could not be opened, with the way back. A 404 is said plainly: the thing does not exist for
 * this municipality (a link or a reload after signing in with another municipality's token lands here).
 */
import { ApiError, token } from './api.js';
import { ErrorMessage } from './errors.js';
import { t } from './i18n/index.js';
import { hrefOf } from './router.js';
import { tenantOfToken } from './token-shape.js';

export function LoadProblem({ error, what }: { error: unknown; what: 'model' | 'run' }) {
  const s = t();
  const tenant = (token.value && tenantOfToken(token.value)) || s.runsThisMunicipality;
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <section aria-labelledby="problem-title">
      <h1 id="problem-title">{!notFound ? s.runsProblemTitle : what === 'run' ? s.runsNotFoundRunTitle : s.runsNotFoundModelTitle}</h1>
      {notFound ? (
        <p class="error" role="alert">
          {what === 'run' ? s.runsNotFoundRun(tenant) : s.runsNotFoundModel(tenant)}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p>
        <a href={hrefOf({ screen: what === 'run' ? 'runs' : 'models' })}>{what === 'run' ? s.runsBackToList : s.back}</a>
      </p>
    </section>
  );
}
