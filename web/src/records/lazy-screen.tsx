/**
 * The records screens are loaded when first opened: they bring the calibration, the model schema and (through
 * the backtest's defaults) the engine, which the page's first JavaScript should not carry for every visitor.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const LOAD = {
  calibrate: () => import('./calibrate-screen.js').then((m) => m.CalibrateScreen),
  backtest: () => import('./backtest-screen.js').then((m) => m.BacktestScreen),
} as const;

export function RecordsScreen({ screen }: { screen: keyof typeof LOAD }) {
  const [Screen, setScreen] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    setScreen(null);
    void LOAD[screen]().then((c) => live && setScreen(() => c));
    return () => {
      live = false;
    };
  }, [screen]);
  return Screen ? <Screen /> : null;
}
