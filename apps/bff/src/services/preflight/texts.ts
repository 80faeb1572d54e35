import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';

/** Every sentence of the pre-flight checks, in the console's two languages. */
export const TEXT = {
  // ── generic ──
  couldNotVerify: { 'zh-CN': '无法验证：{reason}', en: 'Could not verify: {reason}' },
  timedOut: { 'zh-CN': '{seconds} 秒内没有得到答复', en: 'no answer within {seconds} s' },
  forbiddenReason: {
    'zh-CN': '控制台使用的身份无权调用 {action}（{code}）',
    en: "the console's identity may not call {action} ({code})",
  },
  notFound: {
    'zh-CN': '找不到 {what}（{code}）：请确认ID和地域是否正确',
    en: '{what} was not found ({code}): check the id and the region',
  },
  clusterNotRunning: { 'zh-CN': '集群未处于运行中，无法查看集群内部', en: 'the cluster is not running, so its inside cannot be checked' },
  noAnswer: { 'zh-CN': '阿里云没有返回 {id} 的属性（{action}）', en: 'the cloud returned no attributes of {id} ({action})' },
  unknownVersion: { 'zh-CN': '无法识别集群的版本（{value}）', en: "the cluster's version is not recognised ({value})" },
  // ── identity ──
  tCaller: { 'zh-CN': '调用身份', en: 'Caller identity' },
  callerAccount: { 'zh-CN': '阿里云主账号 {accountId}', en: 'Alibaba Cloud root account {accountId}' },
  callerUser: { 'zh-CN': '账号 {accountId} 下的 RAM 用户 {userName}', en: 'RAM user {userName} of the account {accountId}' },
  callerRole: { 'zh-CN': '账号 {accountId} 下的 RAM 角色会话（{arn}）', en: 'A RAM role session of the account {accountId} ({arn})' },
  tPolicies: { 'zh-CN': '部署指南要求的 RAM 权限策略', en: "The guide's RAM policies" },
  policiesRoot: { 'zh-CN': '主账号拥有全部权限，无需授予权限策略', en: 'A root account may do everything; no policy is needed' },
  policiesRole: {
    'zh-CN': '无法读取 RAM 角色的权限策略；请以下方计算巢的权限检查为准',
    en: "A RAM role's policies cannot be read here; rely on Compute Nest's permission check below",
  },
  policiesDenied: {
    'zh-CN': '无法验证：控制台无权读取 RAM 用户 {userName} 的权限策略（{code}）。请为其授予 AliyunRAMReadOnlyAccess 后重新检查，或请管理员确认其拥有下列策略：{policies}',
    en: 'Cannot verify: the console may not read the policies of the RAM user {userName} ({code}). Grant it AliyunRAMReadOnlyAccess and check again, or have an administrator confirm it holds: {policies}',
  },
  policiesMissing: {
    'zh-CN': 'RAM 用户 {userName} 缺少：{missing}。请在 RAM 控制台为该用户（或其所在用户组）添加这些系统策略后重新检查。{milvus}',
    en: 'The RAM user {userName} lacks: {missing}. In the RAM console, add these system policies to the user (or one of its groups), then check again. {milvus}',
  },
  policiesGranted: { 'zh-CN': '全部已授予：{list}。{milvus}', en: 'All granted: {list}. {milvus}' },
  grantedVia: { 'zh-CN': '{name}（{via}）', en: '{name} ({via})' },
  viaUser: { 'zh-CN': '直接授权给用户', en: 'attached to the user' },
  viaGroup: { 'zh-CN': '用户组 {name}', en: 'group {name}' },
  milvusNote: {
    'zh-CN': 'AliyunMilvusFullAccess 是部署指南中的名称（RAM 系统策略参考中未确认）；仅有 AliyunMilvusReadOnlyAccess 不够。',
    en: "AliyunMilvusFullAccess is the guide's name (not confirmed on RAM's system-policy reference); AliyunMilvusReadOnlyAccess alone is not enough.",
  },
  linkRamUser: { 'zh-CN': '在 RAM 控制台为用户授权', en: 'Grant permissions in the RAM console' },
  tComputeNestPolicy: { 'zh-CN': '计算巢核对的模板所需权限', en: "Compute Nest's view of the template's permissions" },
  cnPolicyOk: { 'zh-CN': '计算巢确认当前身份拥有模板所需的全部权限', en: 'Compute Nest confirms the caller holds every permission the template needs' },
  cnPolicyMissing: {
    'zh-CN': '计算巢报告缺少以下操作权限：{actions}。请授予对应的系统策略（见上方列表）后重新检查',
    en: 'Compute Nest reports these actions as not permitted: {actions}. Grant the matching system policies (see the list above), then check again',
  },
  // ── Compute Nest ──
  tDeployable: { 'zh-CN': '计算巢部署前检查（余额、配额）', en: "Compute Nest's deployability check (balance, quota)" },
  deployableOk: { 'zh-CN': '账户余额和配额检查均已通过', en: 'Account balance and quota checks passed' },
  deployableFail: { 'zh-CN': '未通过：{items}。请按提示处理（如充值或申请提升配额）后重新检查', en: 'Failed: {items}. Act on each message (e.g. top up or ask for a higher quota), then check again' },
  tDryRun: { 'zh-CN': '计算巢模拟创建（DryRun）', en: 'Compute Nest dry run of the order' },
  dryRunOk: { 'zh-CN': '计算巢接受了这些参数（模拟创建通过，未创建任何资源）', en: 'Compute Nest accepts these parameters (dry run passed; nothing was created)' },
  dryRunNoPermission: {
    'zh-CN': '当前身份无权创建此服务实例（{code}：{message}）。请授予缺少的权限后重新检查',
    en: 'The caller may not create this service instance ({code}: {message}). Grant the missing permissions, then check again',
  },
  dryRunRejected: { 'zh-CN': '计算巢拒绝了这些参数（{code}：{message}）。请修改后重新检查', en: 'Compute Nest refuses these parameters ({code}: {message}). Correct them, then check again' },
  // ── topology ──
  tTopology: { 'zh-CN': '{kind} 与所选 VPC', en: '{kind} in the chosen VPC' },
  topologyOk: { 'zh-CN': '{name} 位于所选 VPC {vpcId}', en: '{name} is in the chosen VPC {vpcId}' },
  topologyFail: {
    'zh-CN': '{name} 位于 VPC {actual}，而所选 VPC 是 {vpcId}：Dify 的 Pod 无法经内网访问它。请选择所选 VPC 中的资源，或改选 VPC {actual}',
    en: '{name} is in the VPC {actual}, but the chosen VPC is {vpcId}: Dify\'s pods cannot reach it over the internal network. Choose a resource of the chosen VPC, or choose the VPC {actual}',
  },
  milvusUnknown: {
    'zh-CN': '在 {regionId} 找不到内网地址为 {endpoint} 的 Milvus 实例，无法确认其 VPC；请从列表中选择 Milvus 实例',
    en: 'No Milvus instance in {regionId} has the internal address {endpoint}, so its VPC is unknown; pick the Milvus instance from the list',
  },
  // ── cluster ──
  tClusterKind: { 'zh-CN': '集群类型', en: 'Cluster type' },
  kindOk: { 'zh-CN': '{name} 是 {kind}', en: '{name} is an {kind}' },
  kindFail: {
    'zh-CN': '{name} 的类型为 {type}/{profile}，不受支持：请选择 ACK 托管集群 Pro 版或基础版',
    en: '{name} is {type}/{profile}, which is not supported: choose an ACK managed cluster (Pro or Basic)',
  },
  tClusterState: { 'zh-CN': '集群状态', en: 'Cluster state' },
  stateOk: { 'zh-CN': '集群运行中', en: 'The cluster is running' },
  stateFail: { 'zh-CN': '集群状态为 {state}：请等待其变为运行中（running），或在容器服务控制台中处理后重新检查', en: 'The cluster is {state}: wait until it is running (or repair it in the Container Service console), then check again' },
  tClusterVersion: { 'zh-CN': 'Kubernetes 版本', en: 'Kubernetes version' },
  versionOk: { 'zh-CN': 'Kubernetes {version}（要求 ≥ {min}）', en: 'Kubernetes {version} (needs ≥ {min})' },
  versionFail: { 'zh-CN': 'Kubernetes {version} 低于要求的 {min}：请在容器服务控制台升级集群后重新检查', en: 'Kubernetes {version} is older than {min}: upgrade the cluster in the Container Service console, then check again' },
  tArch: { 'zh-CN': '节点架构（x86）', en: 'Node architecture (x86)' },
  archOk: { 'zh-CN': '{count} 个 x86（amd64）节点', en: '{count} x86 (amd64) nodes' },
  archMixed: { 'zh-CN': '有 ARM 节点：{nodes}。Dify 镜像为 x86，调度到这些节点的 Pod 将无法启动；请为这些节点添加污点或使用 x86 节点池', en: 'ARM nodes found: {nodes}. Dify images are x86: pods scheduled there will not start; taint those nodes or use an x86 node pool' },
  archFail: { 'zh-CN': '没有可用的 x86（amd64）节点：请添加 x86 节点池后重新检查', en: 'No usable x86 (amd64) node: add an x86 node pool, then check again' },
  tCapacity: { 'zh-CN': '可分配 CPU 与内存', en: 'Allocatable CPU and memory' },
  capacityOk: {
    'zh-CN': '可用节点可分配 {cpu} 核 / {mem} GiB，Dify（高可用 {ha}）需要约 {needCpu} 核 / {needMem} GiB（{pods}；未扣除其他工作负载已占用的资源）',
    en: 'Usable nodes can allocate {cpu} vCPU / {mem} GiB; Dify (HA {ha}) needs about {needCpu} vCPU / {needMem} GiB ({pods}; what other workloads already use is not subtracted)',
  },
  capacityFail: {
    'zh-CN': '可用节点只可分配 {cpu} 核 / {mem} GiB，Dify（高可用 {ha}）需要约 {needCpu} 核 / {needMem} GiB（{pods}）：请扩容节点池（或关闭高可用）后重新检查',
    en: 'Usable nodes can allocate only {cpu} vCPU / {mem} GiB; Dify (HA {ha}) needs about {needCpu} vCPU / {needMem} GiB ({pods}): scale out the node pool (or turn HA off), then check again',
  },
  tStorage: { 'zh-CN': '存储类（StorageClass）', en: 'Storage classes' },
  storageOk: { 'zh-CN': '云盘：{disk}；NAS：{nas}', en: 'Disk: {disk}; NAS: {nas}' },
  storageNoDisk: {
    'zh-CN': '没有云盘存储类（alicloud-disk-*）：插件守护进程的数据卷无法创建。请在容器服务控制台的“组件管理”中安装 csi-plugin / csi-provisioner 后重新检查',
    en: 'No disk storage class (alicloud-disk-*): the plugin daemon\'s volume cannot be created. Install csi-plugin / csi-provisioner under Add-ons in the Container Service console, then check again',
  },
  storageNoNas: {
    'zh-CN': '云盘：{disk}；没有 NAS 存储类（alibabacloud-cnfs-nas）：多副本共享文件存储不可用，上传的文件可能只在单个节点上可见。建议在“组件管理”中启用 CNFS/NAS',
    en: 'Disk: {disk}; no NAS storage class (alibabacloud-cnfs-nas): shared file storage for several replicas is unavailable, uploaded files may be visible on one node only. Enable CNFS/NAS under Add-ons',
  },
  tHa: { 'zh-CN': '高可用的节点分布', en: 'Spreading for high availability' },
  haOff: { 'zh-CN': '未启用高可用：每个组件 1 个副本', en: 'HA is off: one replica per component' },
  haOk: { 'zh-CN': '{count} 个可调度节点，副本可分布在不同节点上', en: '{count} schedulable nodes: replicas can spread over different nodes' },
  haWarn: {
    'zh-CN': '只有 {count} 个可调度节点：高可用的反亲和只是“优先”，副本会落在同一节点上，节点故障时 Dify 仍会中断。建议扩容到至少 2 个节点（最好跨两个可用区）',
    en: 'Only {count} schedulable {count|node|nodes}: HA anti-affinity is only preferred, so the replicas share one node and a node failure still takes Dify down. Add at least a second node (ideally in another zone)',
  },
  tExisting: { 'zh-CN': '已有的 Dify 安装', en: 'Existing Dify installation' },
  existingNone: { 'zh-CN': '集群中没有命名空间 dify-system 和发布 ack-dify', en: 'The cluster has neither the namespace dify-system nor the release ack-dify' },
  existingNamespace: {
    'zh-CN': '命名空间 dify-system 已存在（没有发布 ack-dify）：部署会使用它。若其中有其他应用，请确认不会冲突',
    en: 'The namespace dify-system already exists (without the release ack-dify): the deployment will use it. Make sure nothing in it conflicts',
  },
  existingRelease: {
    'zh-CN': '集群中已有发布 ack-dify（命名空间 dify-system）：每个集群只能部署一个 Dify，新的部署会失败。请选择其他集群，或先删除已有的部署',
    en: 'The release ack-dify already exists (namespace dify-system): one Dify per cluster, so a new deployment will fail. Choose another cluster, or delete the existing deployment first',
  },
  // ── databases ──
  tPgInstance: { 'zh-CN': 'PostgreSQL 实例', en: 'PostgreSQL instance' },
  pgOk: { 'zh-CN': 'PostgreSQL {version}，运行中', en: 'PostgreSQL {version}, running' },
  pgOld: { 'zh-CN': 'PostgreSQL {version} 未经验证（模板使用 {supported}）：建议使用 {supported} 或更高版本', en: 'PostgreSQL {version} is untested (the template uses {supported}): {supported} or later is advised' },
  pgTooOld: { 'zh-CN': 'PostgreSQL {version} 过旧：请使用 {supported} 或更高版本的实例', en: 'PostgreSQL {version} is too old: use an instance of version {supported} or later' },
  pgEngine: { 'zh-CN': '实例引擎为 {engine}，不是 PostgreSQL：请选择 RDS PostgreSQL 实例', en: 'The engine is {engine}, not PostgreSQL: choose an RDS PostgreSQL instance' },
  pgReadonly: { 'zh-CN': '这是只读实例：请选择主实例', en: 'This is a read-only instance: choose the primary instance' },
  pgState: { 'zh-CN': '实例状态为 {state}：请等待其变为运行中（Running）后重新检查', en: 'The instance is {state}: wait until it is Running, then check again' },
  tPgAccount: { 'zh-CN': 'PostgreSQL 高权限账号', en: 'PostgreSQL privileged account' },
  accountOk: { 'zh-CN': '账号 {name} 是高权限账号（Super），可用', en: 'The account {name} is privileged (Super) and available' },
  accountMissing: {
    'zh-CN': '实例中没有账号 {name}：请填写已有的高权限账号，或在 RDS 控制台“账号管理”中创建高权限账号',
    en: 'The instance has no account {name}: enter an existing privileged account, or create a privileged account under Accounts in the RDS console',
  },
  accountNormal: {
    'zh-CN': '账号 {name} 是普通账号：Dify 首次迁移要执行 CREATE EXTENSION "uuid-ossp"，插件守护进程要自行创建数据库 dify_plugin，普通账号都做不到。请在 RDS 控制台“账号管理”中创建高权限账号并填写它',
    en: 'The account {name} is a standard account: Dify\'s first migration runs CREATE EXTENSION "uuid-ossp" and the plugin daemon creates its own database dify_plugin, neither of which a standard account may do. Create a privileged account under Accounts in the RDS console and enter it',
  },
  accountUnavailable: { 'zh-CN': '账号 {name} 的状态为 {state}：请在 RDS 控制台中确认账号可用', en: 'The account {name} is {state}: make it available in the RDS console' },
  tPgDatabases: { 'zh-CN': 'Dify 的数据库', en: "Dify's databases" },
  dbBoth: { 'zh-CN': '数据库 dify 和 dify_plugin 已存在，Dify 会直接使用', en: 'The databases dify and dify_plugin exist; Dify will use them' },
  dbSome: { 'zh-CN': '已存在：{present}；将由部署创建：{absent}', en: 'Present: {present}; created by the deployment: {absent}' },
  tWhitelist: { 'zh-CN': '{kind} 白名单', en: '{kind} whitelist' },
  whitelistOk: { 'zh-CN': '白名单已允许 Dify Pod 的来源地址 {ranges}（{basis}）', en: "The whitelist admits the addresses Dify's pods come from: {ranges} ({basis})" },
  whitelistNodesOk: {
    'zh-CN': '白名单已允许当前全部工作节点 {nodes}（Flannel 网络：Pod 流量经节点 SNAT）。扩容后的新节点可能不在其中：建议允许节点交换机网段 {ranges}',
    en: 'The whitelist admits every worker node today: {nodes} (Flannel: pod traffic is SNATed behind the nodes). Nodes added later may not be: admitting the node vSwitches {ranges} is advised',
  },
  whitelistMissing: {
    'zh-CN': '白名单没有允许 Dify Pod 的来源地址 {missing}（{basis}），Dify 将连接超时。可一键把它们加入专用分组 {group}（不改动其他分组），或在控制台手动添加：{url}',
    en: "The whitelist does not admit {missing}, where Dify's pods come from ({basis}); Dify would time out connecting. Add them with one click to the dedicated group {group} (no other group is touched), or by hand in the console: {url}",
  },
  basisPod: { 'zh-CN': 'Terway 网络：Pod 使用 Pod 交换机 {ids} 的地址', en: 'Terway: pods take addresses of the pod vSwitches {ids}' },
  basisNodeVsw: {
    'zh-CN': 'Flannel 网络：Pod 流量经节点 SNAT，来源为工作节点所在交换机 {ids} 的网段（扩容的节点也在其中）',
    en: "Flannel: pod traffic is SNATed behind the worker nodes, so it comes from their vSwitches {ids} (nodes added later included)",
  },
  basisNode: {
    'zh-CN': 'Flannel 网络：Pod 流量经节点 SNAT，来源为工作节点 IP（无法读取节点交换机；扩容后需再次添加新节点的 IP）',
    en: "Flannel: pod traffic is SNATed, so it comes from the worker nodes' IPs (their vSwitches could not be read; nodes added later must be admitted again)",
  },
  basisVpc: {
    'zh-CN': 'Terway 网络，但无法读取 Pod 交换机：按该 VPC 的全部交换机计算',
    en: 'Terway, but the pod vSwitches could not be read: all vSwitches of the VPC are used',
  },
  tRedisInstance: { 'zh-CN': 'Redis 实例', en: 'Redis instance' },
  redisOk: { 'zh-CN': 'Redis {version}，运行中', en: 'Redis {version}, running' },
  redisState: { 'zh-CN': '实例状态为 {state}：请等待其变为运行中（Normal）后重新检查', en: 'The instance is {state}: wait until it is Normal, then check again' },
  redisOld: { 'zh-CN': 'Redis {version} 低于要求的 {min}：请升级大版本后重新检查', en: 'Redis {version} is older than {min}: upgrade the major version, then check again' },
  tRedisArch: { 'zh-CN': 'Redis 架构', en: 'Redis architecture' },
  archStandard: { 'zh-CN': '标准版（非集群）', en: 'Standard (not cluster)' },
  archCluster: {
    'zh-CN': '集群架构不受支持：Dify 的 Celery 队列使用 BRPOP 等多键命令，在集群模式下报 CROSSSLOT 错误，worker 无法工作。请选择标准版（主从）Redis 实例',
    en: "Cluster architecture is not supported: Dify's Celery queue uses multi-key commands such as BRPOP, which fail with CROSSSLOT in cluster mode, so the worker cannot run. Choose a standard (master-replica) Redis instance",
  },
  archRwsplit: { 'zh-CN': '读写分离架构未经验证：建议使用标准版（主从）实例', en: 'Read/write splitting is untested: a standard (master-replica) instance is advised' },
  tRedisPassword: { 'zh-CN': 'Redis 密码中的字符', en: 'Characters of the Redis password' },
  passwordOk: {
    'zh-CN': '密码不含 @ # % &，放入 redis:// 连接地址不会出错',
    en: 'The password has none of @ # % &, so it is safe inside a redis:// URL',
  },
  tMilvusInstance: { 'zh-CN': 'Milvus 实例', en: 'Milvus instance' },
  milvusOk: { 'zh-CN': 'Milvus {version}，运行中', en: 'Milvus {version}, running' },
  milvusNoHybrid: { 'zh-CN': 'Milvus {version}，运行中（混合检索需要 2.5 及以上）', en: 'Milvus {version}, running (hybrid search needs 2.5 or later)' },
  milvusState: { 'zh-CN': '实例状态为 {state}：请等待其变为运行中（running）后重新检查', en: 'The instance is {state}: wait until it is running, then check again' },
  milvusOld: { 'zh-CN': 'Milvus {version} 低于要求的 {min}：请选择更高版本的实例', en: 'Milvus {version} is older than {min}: choose an instance of a later version' },
  milvusNotFound: { 'zh-CN': '在 {regionId} 找不到 Milvus 实例 {id}：请从列表中重新选择', en: 'The Milvus instance {id} does not exist in {regionId}: pick it again from the list' },
  tMilvusEndpoint: { 'zh-CN': 'Milvus 内网地址', en: 'Milvus internal address' },
  endpointOk: { 'zh-CN': '{endpoint} 是实例 {id} 的内网地址', en: '{endpoint} is the internal address of the instance {id}' },
  endpointMismatch: {
    'zh-CN': '{endpoint} 不是实例 {id} 的内网地址（应为 {expected}）：请改为 {expected}',
    en: '{endpoint} is not the internal address of the instance {id} (that is {expected}): enter {expected}',
  },
  // ── whitelist fix ──
  fixNothing: { 'zh-CN': '白名单已允许集群的全部来源地址，无需修改', en: "The whitelist already admits every address of the cluster's pods; nothing to add" },
  fixOtherVpc: {
    'zh-CN': '实例位于 VPC {instanceVpc}，集群位于 VPC {clusterVpc}：修改白名单无法让它们互通，请选择同一 VPC 中的资源',
    en: 'The instance is in the VPC {instanceVpc} and the cluster in {clusterVpc}: no whitelist makes them reach each other; choose resources of one VPC',
  },
  // ── prerequisites ──
  noteDenied: {
    'zh-CN': '控制台无权读取 RAM 用户 {userName} 的权限策略（{code}）：为其授予 AliyunRAMReadOnlyAccess 后可显示状态',
    en: 'The console may not read the policies of the RAM user {userName} ({code}); grant it AliyunRAMReadOnlyAccess to see their status',
  },
  noteRole: {
    'zh-CN': 'RAM 角色的权限策略无法在此读取；请在 RAM 控制台中确认角色拥有下列策略',
    en: "A RAM role's policies cannot be read here; confirm in the RAM console that the role holds these policies",
  },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXT;
export const text = (key: TextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
