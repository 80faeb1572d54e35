import { COMPUTENEST_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { checkServiceDeployable } from './check-service-deployable';
import { createServiceInstance } from './create-service-instance';
import { deleteServiceInstances } from './delete-service-instances';
import { reconcileAccount } from './deploy';
import { generateServicePolicy } from './generate-service-policy';
import { getService } from './get-service';
import { getServiceEstimateCost } from './get-service-estimate-cost';
import { getServiceInstance } from './get-service-instance';
import { getServiceTemplateParameterConstraints } from './get-service-template-parameter-constraints';
import { listServiceInstanceLogs } from './list-service-instance-logs';
import { listServiceInstanceResources } from './list-service-instance-resources';
import { listServiceInstances } from './list-service-instances';
import { BILLING_STORE } from './model';

export const computeNest: ProductDef = {
  code: 'ComputeNest',
  version: '2021-06-01',
  style: 'RPC',
  host: hosts.computenest,
  catalog: COMPUTENEST_ACTIONS,
  actions: {
    GetService: getService,
    GetServiceTemplateParameterConstraints: getServiceTemplateParameterConstraints,
    GetServiceEstimateCost: getServiceEstimateCost,
    CheckServiceDeployable: checkServiceDeployable,
    GenerateServicePolicy: generateServicePolicy,
    CreateServiceInstance: createServiceInstance,
    GetServiceInstance: getServiceInstance,
    ListServiceInstances: listServiceInstances,
    ListServiceInstanceLogs: listServiceInstanceLogs,
    ListServiceInstanceResources: listServiceInstanceResources,
    DeleteServiceInstances: deleteServiceInstances,
  },
  // No instances at first; the balance comes from the scenario.
  seed(account, scenario) {
    const billing = account.accountStore(BILLING_STORE);
    billing.availableAmount = scenario.billing.availableAmount;
    billing.currency = scenario.billing.currency;
  },
  tick: reconcileAccount,
};
