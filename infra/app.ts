/**
 * The CDK app: `npx cdk synth|deploy -c stage=prod -c alarmEmail=… [-c domainName=… -c certificateArn=…]`.
 * cdk-nag's AwsSolutions checks run on every synth (a CDK validation plugin in cdk-nag v3); an unacknowledged
 * finding fails it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings } from './settings.js';
import { PlacementPlannerStack } from './stack.js';

export const PAGE_DIRECTORY = fileURLToPath(new URL('../web/dist', import.meta.url));

const app = new App();
const settings = readSettings((key) => app.node.tryGetContext(key));
const pageBuilt = existsSync(PAGE_DIRECTORY);
if (!pageBuilt) console.warn(`web/dist is not built: the stack uploads no page (npm run build:web, then synth or deploy again)`);

new PlacementPlannerStack(app, `PlacementPlanner-${settings.stage}`, {
  settings,
  pageDirectory: pageBuilt ? PAGE_DIRECTORY : undefined,
  description: `Placement Planner (Placeringsprognos), stage ${settings.stage}`,
});
Tags.of(app).add('project', 'placement-planner');
Tags.of(app).add('stage', settings.stage);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
