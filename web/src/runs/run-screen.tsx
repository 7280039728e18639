/** A reopened run (#/runs/<id>): the model view of the version it ran, with its options, trials, seed and result. */
import { useEffect, useState } from 'preact/hooks';
import { api, type RunStatus } from '../api.js';
import { LoadProblem } from '../load-problem.js';
import { ModelView } from '../model-view.js';
import { navigate } from '../router.js';

export function RunScreen({ id }: { id: string }) {
  const [run, setRun] = useState<RunStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setRun(null);
    setError(null);
    api.getRun(id).then(setRun, setError);
  }, [id]);
  if (error) return <LoadProblem error={error} what="run" />;
  if (!run) return null;
  return <ModelView key={run.id} id={run.modelId} reopen={run} onBack={() => navigate({ screen: 'models' })} />;
}
