import { IDS } from '../../fixtures/default';
import { NACOS_SANDBOX_PASSWORD, newNacosServer } from '../../nacos/model';
import { seedMcp } from '../../nacos/seed';
import type { AccountState } from '../../state/registry';
import { hostCode, MSE_STORE, type MseRecord } from './model';

/** Release dates of seeded versions are a week before this. */
const SEED_TIME = Date.UTC(2026, 10, 20, 8, 0, 0);

// MSE instances of the `default` scenario (cn-hangzhou): a Nacos 3.0.3 in the VPC dify-prod (the
// one to connect to), a 3.0.0 one (its MCP API is too old), one in the staging VPC, a Nacos 2.x
// and a ZooKeeper (not MCP registries). FIXTURES.md lists them.

export const MSE_IDS = {
  nacos303: 'mse-cn-dfynacos3a1',
  nacos300: 'mse-cn-oldnacos3b2',
  nacosStaging: 'mse-cn-stgnacos3c3',
  nacos2: 'mse-cn-nacos2x00d4',
  zookeeper: 'mse-cn-zookpr00e5',
} as const;

interface Spec {
  id: string;
  alias: string;
  type: 'Nacos-Ans' | 'ZooKeeper';
  version: string;
  vpcId: string;
  vswId: string;
  internet: boolean;
  acl: string;
  intranetIp: string;
}

const SPECS: Spec[] = [
  {
    id: MSE_IDS.nacos303,
    alias: 'dify-nacos',
    type: 'Nacos-Ans',
    version: '3.0.3',
    vpcId: IDS.vpcProd,
    vswId: IDS.vswProdK,
    internet: true,
    acl: '172.16.0.0/12',
    intranetIp: '172.16.0.30',
  },
  {
    id: MSE_IDS.nacos300,
    alias: 'legacy-nacos',
    type: 'Nacos-Ans',
    version: '3.0.0',
    vpcId: IDS.vpcProd,
    vswId: IDS.vswProdJ,
    internet: true,
    acl: '',
    intranetIp: '172.16.1.30',
  },
  {
    id: MSE_IDS.nacosStaging,
    alias: 'staging-nacos',
    type: 'Nacos-Ans',
    version: '3.0.2',
    vpcId: IDS.vpcStaging,
    vswId: IDS.vswStagingK,
    internet: false,
    acl: '192.168.0.0/16',
    intranetIp: '192.168.0.30',
  },
  {
    id: MSE_IDS.nacos2,
    alias: 'microservices-nacos',
    type: 'Nacos-Ans',
    version: '2.2.3',
    vpcId: IDS.vpcProd,
    vswId: IDS.vswProdK,
    internet: false,
    acl: '',
    intranetIp: '172.16.0.31',
  },
  {
    id: MSE_IDS.zookeeper,
    alias: 'kafka-zk',
    type: 'ZooKeeper',
    version: '3.8.4',
    vpcId: IDS.vpcProd,
    vswId: IDS.vswProdK,
    internet: false,
    acl: '',
    intranetIp: '172.16.0.32',
  },
];

const engine = (t: Spec['type']) => (t === 'Nacos-Ans' ? 'nacos-ans' : 'zk');

export function seedMse(account: AccountState, now = SEED_TIME): void {
  const store = account.store('cn-hangzhou', MSE_STORE);
  for (const s of SPECS) {
    const code = hostCode(account.accountId, s.id);
    const nacos3 = s.type === 'Nacos-Ans' && s.version.startsWith('3.');
    const record: MseRecord = {
      InstanceId: s.id,
      ClusterName: `mse-${code}-${Math.floor(now / 1000)}`,
      ClusterAliasName: s.alias,
      ClusterType: s.type,
      AppVersion: s.version,
      VersionCode: `${s.type === 'Nacos-Ans' ? 'NACOS' : 'ZOOKEEPER'}_${s.version.replace(/\./g, '_')}`,
      MseVersion: 'mse_pro',
      RegionId: 'cn-hangzhou',
      VpcId: s.vpcId,
      VSwitchId: s.vswId,
      InitStatus: 'RESTART_SUCCESS',
      ChargeType: 'PREPAY',
      CreateTime: '2026-05-12 10:20:30',
      EndDate: '2027-05-12 00:00:00',
      InstanceCount: 3,
      Cpu: 2,
      MemoryCapacity: 4,
      ResourceGroupId: 'rg-acfmdifyconsole',
      IntranetDomain: `mse-${code}-${engine(s.type)}.mse.aliyuncs.com`,
      InternetDomain: s.internet ? `mse-${code}-p.${engine(s.type)}.mse.aliyuncs.com` : '',
      IntranetAddress: s.intranetIp,
      InternetAddress: s.internet ? `47.98.${parseInt(code.slice(0, 2), 16)}.${parseInt(code.slice(2, 4), 16)}` : '',
      IntranetPort: s.type === 'Nacos-Ans' ? '8848' : '2181',
      InternetPort: s.type === 'Nacos-Ans' ? '8848' : '2181',
      AclEntryList: s.acl,
      Tags: {},
      ...(nacos3 ? { nacos: newNacosServer(s.version, `${account.accountId}/${s.id}`) } : {}),
    };
    if (record.nacos) seedMcp(record.nacos, `${account.accountId}/${s.id}`, now);
    store.clusters.set(s.id, record);
  }
}

/** The FIXTURES.md section: MSE instances and the MCP servers of every Nacos. */
export function renderMseFixtures(): string[] {
  return [
    '## default: MSE registry instances and Nacos MCP servers',
    '',
    '| Region | InstanceId | Alias | Engine | VPC | Whitelist | Purpose |',
    '|---|---|---|---|---|---|---|',
    ...SPECS.map(
      (s) =>
        `| cn-hangzhou | ${s.id} | ${s.alias} | ${s.type} ${s.version} | ${s.vpcId} | ${s.acl || '(open)'} | ${PURPOSES[s.id] ?? ''} |`,
    ),
    '',
    `Every Nacos 3.x (these and the self-hosted one that \`pnpm sim\` prints as \`NACOS_ADDR\`, version 3.1.0) has user \`nacos\` / \`${NACOS_SANDBOX_PASSWORD}\`; MSE ones also accept the account's AccessKey signature. MSE Nacos answer on the local cloud's endpoint under their domain (Host header). Namespace \`public\`: \`amap-maps\` (mcp-sse, 1.0.0 and 1.1.0 latest; \`maps_direction_driving\` off), \`dify-knowledge\` (mcp-streamable, 0.9.0 and 1.0.0 latest; \`delete_dataset\` off), \`filesystem\` (stdio), \`order-api\` (http exposed as mcp-sse; \`cancel_order\` off); namespace \`dev\`: \`echo\` (mcp-streamable). On 3.0.0 the same servers live in \`nacos-default-mcp\`, one version each.`,
    '',
  ];
}

const PURPOSES: Record<string, string> = {
  [MSE_IDS.nacos303]: 'the registry to connect to (same VPC as dify-ack-pro, whitelist admits it)',
  [MSE_IDS.nacos300]: 'Nacos 3.0.0: refused (MCP API too old)',
  [MSE_IDS.nacosStaging]: 'another VPC: Dify pods cannot reach it',
  [MSE_IDS.nacos2]: 'Nacos 2.x: no MCP registry',
  [MSE_IDS.zookeeper]: 'not Nacos',
};
