import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AppProviders } from '../../../app/providers';
import { ResourceMap } from './resource-map';

const LONG_RDS = 'pgm-bp1abcdefghijklmnopqrstuvwxyz0123';
const LONG_VPC = 'vpc-bp1abcdefghijklmnopqrstuvwxyz0123456789';

function draw() {
  const { container } = render(
    <AppProviders queryClient={new QueryClient()}>
      <ResourceMap
        vpc={{ id: LONG_VPC, name: 'prod', cidrBlock: '10.0.0.0/8' }}
        nodes={[
          { kind: 'postgres', item: { id: LONG_RDS, name: 'dify-pg', vpcId: LONG_VPC } },
          { kind: 'redis', item: { id: 'r-bp1shortid', name: 'dify-redis', vpcId: 'vpc-other0000000000000001' } },
          { kind: 'cluster' },
        ]}
      />
    </AppProviders>,
  );
  return container;
}

describe('ResourceMap', () => {
  it('shortens long IDs in the drawing but keeps each whole ID (and the other VPC) in its hover title', () => {
    const svg = draw();
    const node = (kind: string) => svg.querySelector(`g[data-kind="${kind}"]`)!;
    const pg = node('postgres');
    // The text drawn is cut to fit its box...
    const drawn = [...pg.querySelectorAll('text')].map((t) => t.textContent);
    expect(drawn.some((t) => t?.endsWith('…') && LONG_RDS.startsWith(t.slice(0, -1)))).toBe(true);
    expect(drawn).not.toContain(LONG_RDS);
    // ...and the whole ID is there on hover.
    expect(pg.querySelector('title')?.textContent).toBe(`${LONG_RDS} · dify-pg`);
    // A resource in another VPC names that VPC on hover, and is drawn outside.
    const redis = node('redis');
    expect(redis.getAttribute('data-placement')).toBe('outside');
    expect(redis.querySelector('title')?.textContent).toBe('r-bp1shortid · dify-redis · vpc-other0000000000000001');
    // The VPC's own long ID, whole on hover.
    const vpcTitle = [...svg.querySelectorAll('text > title')].map((t) => t.textContent);
    expect(vpcTitle).toContain(LONG_VPC);
    // Nothing picked: no title to hover.
    expect(node('cluster').querySelector('title')).toBeNull();
  });
});
