/** Weight of an effect in month m: nothing before fromMonth, then a linear ramp over rampMonths. */
export function rampWeight(m: number, fromMonth: number, rampMonths: number): number {
  if (m < fromMonth) return 0;
  if (rampMonths === 0) return 1;
  return Math.min(1, (m - fromMonth + 1) / rampMonths);
}
