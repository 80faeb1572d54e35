import { Errors } from '../../protocol/errors';
import { clusterObjects } from '../../kubernetes/cluster';
import { listObjects } from '../../kubernetes/store';
import { CS_STORE } from '../cs/model';
import { decodeToken, tokenPage } from '../paging';
import type { ActionHandler } from '../types';
import { reconcileInstance } from './deploy';
import { NAMESPACE, RELEASE } from './dify-objects';
import { apiRegion, cnTime, findInstance, inputOf } from './model';
import { filtersOf } from './list-service-instances';

/**
 * ListServiceInstanceResources: what the instance's stack created. AliyunResource (the default)
 * lists cloud resources with ResourceARN `arn:acs:<product>:<region>:<uid>:<type>/<id>`, the ROS
 * stack included; ContainerResource lists the release's Deployments (ARN shape UNCONFIRMED).
 * Existing resources passed in by id were not created by the stack and are not listed.
 */
export const listServiceInstanceResources: ActionHandler = ({
  account,
  params,
  clock,
  changed,
}) => {
  const region = apiRegion(params, false);
  const si = findInstance(account, region, params.required('ServiceInstanceId'));
  const now = clock.now();
  if (reconcileInstance(account, si, now)) changed();
  const kind = params.get('ServiceInstanceResourceType') ?? 'AliyunResource';
  if (kind !== 'AliyunResource' && kind !== 'ContainerResource')
    throw Errors.invalidParameter(
      'ServiceInstanceResourceType',
      `The specified parameter "ServiceInstanceResourceType" is not valid: ${kind}.`,
    );
  const max = params.int('MaxResults', { default: 20, min: 1, max: 100 });
  const token = params.get('NextToken');
  const offset = token === undefined ? 0 : decodeToken(token);
  if (offset === undefined)
    throw Errors.invalidParameter('NextToken', 'The specified parameter "NextToken" is not valid.');
  const arns = filtersOf(params, 'Filters', 'Values').find((f) => f.name === 'ResourceARN')?.values;
  const payTypes = filtersOf(params, 'Filters', 'Values').find((f) => f.name === 'PayType')?.values;
  const uid = account.accountId;
  let rows: Record<string, unknown>[];
  if (kind === 'AliyunResource') {
    const stack =
      si.Status === 'Deleted'
        ? []
        : [
            {
              ResourceARN: `arn:acs:ros:${si.DeployRegionId}:${uid}:stack/${si.StackId}`,
              ProductCode: 'ros',
              ProductType: 'ros',
              Status: '',
              CreateTime: cnTime(si.createdAt),
              ExpireTime: '',
              PayType: 'PayAsYouGo',
              RenewStatus: '',
              RenewalPeriod: 0,
              RenewalPeriodUnit: '',
            },
          ];
    rows = [
      ...stack,
      ...si.resources.map((r) => ({
        ResourceARN: `arn:acs:${r.ProductCode}:${r.RegionId}:${uid}:${r.ResourceType}/${r.ResourceId}`,
        ProductCode: r.ProductCode,
        ProductType: r.ProductType,
        Status: 'Running',
        CreateTime: cnTime(r.createdAt),
        ExpireTime: '',
        PayType: r.PayType,
        RenewStatus: r.PayType === 'Subscription' ? 'ManualRenewal' : '',
        RenewalPeriod: 0,
        RenewalPeriodUnit: '',
      })),
    ];
  } else {
    const clusterId = String(inputOf(si, 'cluster') ?? '');
    const cluster = account.store(si.DeployRegionId, CS_STORE).clusters.get(clusterId);
    const deployments =
      cluster && si.kubeObjects.length > 0
        ? listObjects(
            clusterObjects(account, cluster),
            { apiVersion: 'apps/v1', kind: 'Deployment' },
            {
              namespace: NAMESPACE,
              labels: { 'app.kubernetes.io/instance': RELEASE },
            },
          )
        : [];
    rows = deployments.map((d) => {
      const status = d.status as { readyReplicas?: number; replicas?: number } | undefined;
      return {
        ResourceARN: `arn:acs:cs:${si.DeployRegionId}:${uid}:cluster/${clusterId}/namespace/${NAMESPACE}/deployment/${d.metadata.name}`,
        ProductCode: 'cs',
        ProductType: 'Deployment',
        Status: (status?.readyReplicas ?? 0) >= (status?.replicas ?? 1) ? 'running' : 'waiting',
        CreateTime: d.metadata.creationTimestamp,
        ExpireTime: '',
        PayType: '',
        RenewStatus: '',
        RenewalPeriod: 0,
        RenewalPeriodUnit: '',
      };
    });
  }
  rows = rows.filter(
    (r) =>
      (arns === undefined || arns.includes(String(r.ResourceARN))) &&
      (payTypes === undefined || payTypes.includes(String(r.PayType))),
  );
  const page = tokenPage(rows, offset, max);
  return {
    MaxResults: max,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    Resources: page.items,
  };
};
