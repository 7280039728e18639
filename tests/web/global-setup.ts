/**
 * Builds the page once before any test file runs, so the browser tests and the home-page checks see the page
 * of the sources under test (a fresh clone has no web/dist).
 */
import { buildPage } from '../../functions/build-page.js';

export default async function setup(): Promise<void> {
  await buildPage();
}
