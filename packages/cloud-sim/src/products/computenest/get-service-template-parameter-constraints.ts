import { Errors } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { apiRegion, checkService, requireDeployable, resolveTemplate } from './model';

/**
 * GetServiceTemplateParameterConstraints: one entry per template parameter. The Dify template's
 * parameters name existing resources, so nothing is limited by stock: Behavior NoLimit, with the
 * definition's AllowedValues (Booleans as "true"/"false").
 */
export const getServiceTemplateParameterConstraints: ActionHandler = ({ params }) => {
  apiRegion(params);
  checkService(params);
  const template = resolveTemplate(params, true);
  requireDeployable(template);
  const deployRegion = params.required('DeployRegionId');
  if (!template.AllowedRegions.includes(deployRegion))
    throw Errors.invalidParameter(
      'DeployRegionId',
      `The specified parameter "DeployRegionId" is not valid: template ${template.Name} cannot be deployed to ${deployRegion}.`,
    );
  return {
    FamilyConstraints: [],
    ParameterConstraints: Object.entries(template.Parameters).map(([key, def]) => ({
      ParameterKey: key,
      Type: def.Type,
      AllowedValues:
        def.Type === 'Boolean' ? ['true', 'false'] : (def.AllowedValues ?? []).map(String),
      AssociationParameterNames: [],
      Behavior: 'NoLimit',
      BehaviorReason: '',
      OriginalConstraints: [],
      QueryErrors: [],
    })),
  };
};
