/**
 * Placeholder so that the CDK stack synthesises before the real handler lands (the Lambda handlers are built
 * on their own branch; this file is replaced by theirs).
 */
export async function handler(): Promise<never> {
  throw new Error('functions/lambda/worker.ts is a placeholder');
}
