/** What one scenario produced in one trial, per form and month. Buffers are reused between trials. */
export class Outcome {
  readonly careDays: Float64Array;
  readonly admissions: Int32Array;
  readonly overflows: Int32Array;
  readonly census: Int32Array;
  readonly agedOut: Int32Array;
  /** agedOut by the form the placement ended in (form-major); agedOut is its sum, made by `sumAgedOut`. */
  readonly agedOutByForm: Int32Array;
  readonly formCost: Float64Array;
  readonly optionCost: Float64Array;
  readonly revenue: Float64Array;
  /** Net cost per month: forms plus option costs minus revenue. */
  readonly cost: Float64Array;
  /** First month each form is open; months = not in this scenario. */
  readonly openMonth: Int32Array;

  constructor(
    readonly forms: number,
    readonly months: number,
  ) {
    const fm = forms * months;
    this.careDays = new Float64Array(fm);
    this.admissions = new Int32Array(fm);
    this.overflows = new Int32Array(fm);
    this.census = new Int32Array(fm);
    this.agedOut = new Int32Array(months);
    this.agedOutByForm = new Int32Array(fm);
    this.formCost = new Float64Array(fm);
    this.optionCost = new Float64Array(months);
    this.revenue = new Float64Array(months);
    this.cost = new Float64Array(months);
    this.openMonth = new Int32Array(forms);
  }

  /** Clears everything, or starts the rows from another outcome of the same trial (a scenario from the baseline's). */
  reset(rowsFrom: Outcome | null = null): void {
    if (rowsFrom) {
      this.careDays.set(rowsFrom.careDays);
      this.admissions.set(rowsFrom.admissions);
      this.overflows.set(rowsFrom.overflows);
      this.census.set(rowsFrom.census);
      this.agedOutByForm.set(rowsFrom.agedOutByForm);
    } else {
      this.careDays.fill(0);
      this.admissions.fill(0);
      this.overflows.fill(0);
      this.census.fill(0);
      this.agedOutByForm.fill(0);
    }
    this.agedOut.fill(0);
    this.formCost.fill(0);
    this.optionCost.fill(0);
    this.revenue.fill(0);
    this.cost.fill(0);
  }

  sumAgedOut(): void {
    const { forms: F, months: M, agedOut, agedOutByForm } = this;
    agedOut.fill(0);
    for (let f = 0; f < F; f++) for (let m = 0, i = f * M; m < M; m++, i++) agedOut[m] += agedOutByForm[i];
  }
}
