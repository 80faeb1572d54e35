import { ROS_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { getTemplateSummary } from './get-template-summary';

export const ros: ProductDef = {
  code: 'ROS',
  version: '2019-09-10',
  style: 'RPC',
  host: hosts.ros,
  catalog: ROS_ACTIONS,
  actions: { GetTemplateSummary: getTemplateSummary },
};
