/** #/backtest: placeholder replaced below. */
export function BacktestScreen() {
  return null;
}
