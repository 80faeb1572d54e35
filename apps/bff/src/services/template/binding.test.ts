import { describe, expect, it } from 'vitest';
import { HA_EXISTING_TEMPLATE } from '@dify-console/shared/template/templates';
import { TEST_TEMPLATE } from '../../testing/fake-template';
import { bindTemplate, buildParameters, parseTemplateParameters } from './binding';

const summary = (declarations: Record<string, Record<string, unknown>>, groups: { Parameters: string[]; Label?: unknown }[] = []) => ({
  Parameters: Object.entries(declarations).map(([ParameterKey, d]) => ({ ParameterKey, ...d })),
  Metadata: { 'ALIYUN::ROS::Interface': { ParameterGroups: groups } },
});
const bind = (declarations: Record<string, Record<string, unknown>>) => {
  const params = parseTemplateParameters(summary(declarations));
  return { params, binding: bindTemplate(params, HA_EXISTING_TEMPLATE.fields, 'en') };
};
const fieldOf = (binding: ReturnType<typeof bindTemplate>, parameter: string) => binding.bindings.find((b) => b.parameter === parameter);

describe('binding the console fields to a template', () => {
  it('by AssociationProperty first, whatever the names', () => {
    const { binding } = bind(TEST_TEMPLATE);
    expect(fieldOf(binding, 'NetworkId')).toEqual({ field: 'vpcId', parameter: 'NetworkId', by: 'associationProperty' });
    expect(fieldOf(binding, 'K8s')?.field).toBe('clusterId');
    expect(fieldOf(binding, 'Database')?.field).toBe('postgresInstanceId');
    expect(fieldOf(binding, 'Cache')?.field).toBe('redisInstanceId');
    expect(fieldOf(binding, 'RegionId')).toEqual({ field: 'regionId', parameter: 'RegionId', by: 'associationProperty' });
  });

  it('then by the shape of the name, type and NoEcho agreeing', () => {
    const { binding } = bind(TEST_TEMPLATE);
    expect(fieldOf(binding, 'PgPassword')).toEqual({ field: 'postgresPassword', parameter: 'PgPassword', by: 'name' });
    expect(fieldOf(binding, 'RedisPwd')?.field).toBe('redisPassword');
    expect(fieldOf(binding, 'MilvusAddress')?.field).toBe('milvusEndpoint');
    expect(fieldOf(binding, 'EnableHA')?.field).toBe('highAvailability');
    // A name that looks right but is not NoEcho never receives a password.
    const plain = bind({ ...TEST_TEMPLATE, PgPassword: { Type: 'String' } }).binding;
    expect(fieldOf(plain, 'PgPassword')).toBeUndefined();
    expect(plain.drawn).toContain('PgPassword');
  });

  it('an AssociationProperty wins over a name that would also match', () => {
    const { binding } = bind({ VpcId: { Type: 'String' }, Chosen: { Type: 'String', AssociationProperty: 'ALIYUN::ECS::VPC::VPCId' } });
    expect(fieldOf(binding, 'Chosen')?.field).toBe('vpcId');
    expect(binding.drawn).toEqual(['VpcId']);
  });

  it('draws what it does not know; a required parameter it can neither bind nor draw blocks, named', () => {
    const { binding } = bind({ ...TEST_TEMPLATE, LogLevel: { Type: 'String', AllowedValues: ['INFO', 'DEBUG'], Default: 'INFO' }, Extra: { Type: 'Json' }, Tags: { Type: 'Json', Default: '{}' } });
    expect(binding.drawn).toEqual(['LogLevel']);
    expect(binding.blocked).toEqual([{ parameter: 'Extra', message: expect.stringContaining('The template parameter Extra (Extra) is required') }]);
  });

  it('orders parameters by their groups and reads localized labels', () => {
    const params = parseTemplateParameters(
      summary({ B: { Type: 'String', Label: { 'zh-cn': '乙', en: 'Bee' } }, A: { Type: 'String', Label: 'Plain' } }, [{ Parameters: ['A'], Label: { default: { 'zh-cn': '组', en: 'Group' } } }]),
    );
    expect(params.map((p) => [p.key, p.label, p.group])).toEqual([
      ['A', { 'zh-CN': 'A', en: 'Plain' }, { 'zh-CN': '组', en: 'Group' }],
      ['B', { 'zh-CN': '乙', en: 'Bee' }, null],
    ]);
  });

  it('gives each language only its own words: a label or description in one language leaves the other to the parameter name (an ID) or nothing', () => {
    const params = parseTemplateParameters(
      summary(
        {
          Tier: { Type: 'String', Label: '实例规格', Description: { 'zh-cn': '规格说明' } },
          Zone: { Type: 'String', Label: { en: 'Zone' }, Description: 'Where it runs' },
        },
        [{ Parameters: ['Tier', 'Zone'], Label: { default: '高级' } }],
      ),
    );
    expect(params.map((p) => [p.key, p.label, p.description, p.group])).toEqual([
      ['Tier', { 'zh-CN': '实例规格', en: 'Tier' }, { 'zh-CN': '规格说明', en: '' }, { 'zh-CN': '高级', en: '' }],
      ['Zone', { 'zh-CN': 'Zone', en: 'Zone' }, { 'zh-CN': '', en: 'Where it runs' }, { 'zh-CN': '高级', en: '' }],
    ]);
  });
});

describe('building Parameters', () => {
  const request = {
    regionId: 'cn-hangzhou',
    parameters: { vpcId: 'vpc-1', clusterId: 'cabc', postgresAccount: 'Postgres', postgresPassword: 'Pg#Secret2026', highAvailability: false },
    templateParameters: { LogLevel: 'DEBUG', Size: '40' },
  };
  const { RegionId, NetworkId, K8s, PgPassword, EnableHA } = TEST_TEMPLATE;
  const declarations = {
    RegionId: RegionId!,
    NetworkId: NetworkId!,
    K8s: K8s!,
    PgPassword: PgPassword!,
    EnableHA: EnableHA!,
    PgUser: { Type: 'String', AllowedPattern: '[a-z][a-z0-9_]*', ConstraintDescription: { 'zh-cn': '小写字母开头', en: 'Start with a lower case letter' } },
    LogLevel: { Type: 'String', AllowedValues: ['INFO', 'DEBUG'], Default: 'INFO' },
    Size: { Type: 'Number', Default: 20, MinValue: 10, MaxValue: 500 },
  };

  it("holds the template's constraints, in its words, on the request's own paths", () => {
    const { params, binding } = bind(declarations);
    const { issues } = buildParameters(params, binding, request, 'en');
    expect(issues).toContainEqual({ path: ['parameters', 'postgresAccount'], message: 'Start with a lower case letter' });
    const zh = buildParameters(params, binding, request, 'zh-CN').issues;
    expect(zh).toContainEqual({ path: ['parameters', 'postgresAccount'], message: '小写字母开头' });
    const drawn = buildParameters(params, binding, { ...request, parameters: { ...request.parameters, postgresAccount: 'pg' }, templateParameters: { LogLevel: 'TRACE', Size: 5, Bogus: 1 } }, 'en').issues;
    expect(drawn).toEqual(
      expect.arrayContaining([
        { path: ['templateParameters', 'LogLevel'], message: 'Must be one of: INFO, DEBUG' },
        { path: ['templateParameters', 'Size'], message: 'Must be between 10 and 500' },
        { path: ['templateParameters', 'Bogus'], message: 'The template has no parameter Bogus' },
      ]),
    );
  });

  it('sends bound fields and drawn parameters under the template names, typed', () => {
    const { params, binding } = bind(declarations);
    const ok = buildParameters(params, binding, { ...request, parameters: { ...request.parameters, postgresAccount: 'pg' } }, 'en');
    expect(ok.issues).toEqual([]);
    expect(ok.parameters).toEqual({
      RegionId: 'cn-hangzhou',
      NetworkId: 'vpc-1',
      K8s: 'cabc',
      PgUser: 'pg',
      PgPassword: 'Pg#Secret2026',
      EnableHA: false,
      LogLevel: 'DEBUG',
      Size: 40,
    });
  });
});
