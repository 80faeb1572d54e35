import { MASK } from '@dify-console/shared/template/templates';
import { describe, expect, it } from 'vitest';
import { TEST_PARAMS } from '../../testing/fake-computenest';
import { withSecretsScrubbed } from './secrets';

describe('withSecretsScrubbed', () => {
  it('masks every NoEcho value the cloud echoes in an error, and nothing else of the order', async () => {
    const echo = `bad: ${TEST_PARAMS.postgresPassword} ${TEST_PARAMS.redisPassword} ${TEST_PARAMS.milvusPassword} for ${TEST_PARAMS.postgresAccount}`;
    const err = await withSecretsScrubbed(TEST_PARAMS, () => Promise.reject(new Error(echo))).catch(
      (e: unknown) => e as Error,
    );
    expect(err.message).toBe(`bad: ${MASK} ${MASK} ${MASK} for ${TEST_PARAMS.postgresAccount}`);
  });

  it('passes the result through', async () => {
    expect(await withSecretsScrubbed(TEST_PARAMS, async () => 42)).toBe(42);
  });
});
