/**
 * The screens' hashes, both ways: #/models, #/models/<id>, #/models/<id>/versions, #/models/<id>/forecast, #/runs, #/runs/<id>, #/calibrate,
 * #/backtest. Anything else is the models list.
 */
export type Route =
  | { screen: 'models' }
  | { screen: 'model'; id: string }
  | { screen: 'versions'; id: string }
  | { screen: 'forecast'; id: string }
  | { screen: 'runs' }
  | { screen: 'run'; id: string }
  | { screen: 'calibrate' }
  | { screen: 'backtest' };

export function parseRoute(hash: string): Route {
  const [first, second, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = second ? decodeURIComponent(second) : '';
  if (rest.length === 0 && first === 'models' && id) return { screen: 'model', id };
  if (rest.length === 1 && rest[0] === 'versions' && first === 'models' && id) return { screen: 'versions', id };
  if (rest.length === 1 && rest[0] === 'forecast' && first === 'models' && id) return { screen: 'forecast', id };
  if (rest.length === 0 && first === 'runs' && id) return { screen: 'run', id };
  if (first === 'runs' && !second) return { screen: 'runs' };
  if ((first === 'calibrate' || first === 'backtest') && !second) return { screen: first };
  return { screen: 'models' };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'models':
      return '#/models';
    case 'runs':
      return '#/runs';
    case 'calibrate':
      return '#/calibrate';
    case 'backtest':
      return '#/backtest';
    case 'model':
      return `#/models/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'versions':
      return `#/models/${encodeURIComponent(route.id)}/versions`;
    case 'forecast':
      return `#/models/${encodeURIComponent(route.id)}/forecast`;
  }
}
