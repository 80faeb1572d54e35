import { STS_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { assumeRole } from './assume-role';
import { getCallerIdentity } from './get-caller-identity';

export const sts: ProductDef = {
  code: 'Sts',
  version: '2015-04-01',
  style: 'RPC',
  host: hosts.sts,
  catalog: STS_ACTIONS,
  actions: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole },
};
