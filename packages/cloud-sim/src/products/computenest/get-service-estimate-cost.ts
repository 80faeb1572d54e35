import { Errors } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { apiRegion, checkService, requireDeployable, resolveTemplate } from './model';
import { currencyFor, priceEntry, PRICED_RESOURCES, type Charge } from './price';
import { parseParametersJson, validateParameters } from './validate';

/** `Commodity` JSON: PrePaid when it names a period, PostPaid (hourly) otherwise. */
export function chargeOf(raw: string | undefined): Charge {
  if (raw === undefined) return { type: 'PostPaid' };
  let c: unknown;
  try {
    c = JSON.parse(raw);
  } catch {
    throw Errors.invalidParameter(
      'Commodity',
      'The specified parameter "Commodity" is not valid: it must be a JSON object string.',
    );
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c))
    throw Errors.invalidParameter(
      'Commodity',
      'The specified parameter "Commodity" is not valid: it must be a JSON object string.',
    );
  const o = c as Record<string, unknown>;
  if (o.PayPeriod === undefined && o.PayPeriodUnit === undefined) return { type: 'PostPaid' };
  const period = Number(o.PayPeriod ?? 1);
  const unit = o.PayPeriodUnit ?? 'Month';
  if (!Number.isInteger(period) || period < 1 || period > 9)
    throw Errors.invalidParameter(
      'Commodity.PayPeriod',
      'The specified parameter "Commodity.PayPeriod" is not valid: it must be an integer from 1 to 9.',
    );
  if (unit !== 'Month' && unit !== 'Year' && unit !== 'Day')
    throw Errors.invalidParameter(
      'Commodity.PayPeriodUnit',
      'The specified parameter "Commodity.PayPeriodUnit" is not valid: Year, Month or Day.',
    );
  return { type: 'PrePaid', period, unit };
}

/** GetServiceEstimateCost: what the deployment buys, keyed by the template's logical ids. */
export const getServiceEstimateCost: ActionHandler = ({ params }) => {
  const region = apiRegion(params, false);
  checkService(params);
  const template = resolveTemplate(params, false);
  requireDeployable(template);
  validateParameters(template, parseParametersJson(params.get('Parameters')), { partial: true });
  const charge = chargeOf(params.get('Commodity'));
  const { currency, factor } = currencyFor(region);
  const resources: Record<string, unknown> = {};
  for (const r of PRICED_RESOURCES)
    resources[r.logicalId] = priceEntry(
      { ...r, hourly: r.hourly * factor, monthly: r.monthly * factor },
      charge,
      currency,
    );
  return { Resources: resources };
};
