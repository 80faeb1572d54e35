import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';

/** Every sentence of the MCP registry page, in the console's two languages. */
export const TEXT = {
  notConnected: {
    'zh-CN': '尚未连接 Nacos MCP Registry：请先选择 MSE 实例或填写自建 Nacos 地址并连接',
    en: 'No Nacos MCP Registry is connected: pick an MSE instance or enter a self-hosted Nacos address, then connect',
  },
  unreachable: {
    'zh-CN': '无法连接 {address} 上的 Nacos：请检查地址和端口，以及控制台到该地址的网络（VPC 外访问 MSE 需使用公网地址，并在白名单中放行控制台的出口 IP）',
    en: 'Cannot reach Nacos at {address}: check the address and port, and that the console has a route to it (from outside the VPC, MSE needs its internet address and the console’s IP in its whitelist)',
  },
  timeout: {
    'zh-CN': '{address} 上的 Nacos 在规定时间内没有响应：可能被防火墙或白名单拦截',
    en: 'Nacos at {address} did not answer in time: a firewall or the whitelist may drop the traffic',
  },
  wrongCredentials: {
    'zh-CN': 'Nacos 拒绝了该用户名或密码：请检查用户名和密码',
    en: 'Nacos refused the user name or password: check them and try again',
  },
  wrongAccessKey: {
    'zh-CN': 'MSE Nacos 拒绝了该 AccessKey：请检查 AccessKey ID 和 Secret，以及该 RAM 身份是否有 MSE 的权限',
    en: 'MSE Nacos refused the AccessKey: check the AccessKey ID and secret, and that this RAM identity may use MSE',
  },
  notNacos3: {
    'zh-CN': '{address} 没有 Nacos 3.x 的管理接口：它不是 Nacos，或版本低于 3.0。MCP Registry 需要 Nacos 3.0.1 及以上版本',
    en: '{address} has no Nacos 3.x admin API: it is not Nacos, or older than 3.0. The MCP Registry needs Nacos 3.0.1 or later',
  },
  versionTooOld: {
    'zh-CN': '该 Nacos 版本为 {version}，低于 3.0.1：3.0.0 的 MCP 接口没有服务ID和版本管理，Dify 的 Nacos MCP 插件也不支持。请升级到 3.0.1 及以上版本',
    en: 'This Nacos is {version}, older than 3.0.1: the 3.0.0 MCP API has no server ids or versions, and Dify’s Nacos MCP plugin does not support it. Upgrade to 3.0.1 or later',
  },
  mseNotNacos: {
    'zh-CN': '该实例的引擎为 {engine}，不是 Nacos',
    en: 'This instance runs {engine}, not Nacos',
  },
  mseNotRunning: {
    'zh-CN': '实例状态为 {state}，未在运行',
    en: 'The instance is {state}, not running',
  },
  mseTooOld: {
    'zh-CN': 'Nacos {version} 低于 3.0.1，不支持 MCP Registry',
    en: 'Nacos {version} is older than 3.0.1: no MCP Registry',
  },
  mseNoInternet: {
    'zh-CN': '该 MSE 实例没有公网地址：控制台在 VPC 外时无法连接。请为实例开通公网访问，或在 VPC 内运行控制台并选择“内网”',
    en: 'This MSE instance has no internet address: a console outside the VPC cannot reach it. Open internet access for the instance, or run the console inside the VPC and choose “intranet”',
  },
  serverNotFound: {
    'zh-CN': '命名空间 {namespace} 中没有该 MCP 服务',
    en: 'No such MCP server in the namespace {namespace}',
  },
  toolNotFound: {
    'zh-CN': 'MCP 服务 {server} 的版本 {version} 中没有工具 {tool}',
    en: 'Version {version} of the MCP server {server} has no tool {tool}',
  },
  nacosRefused: {
    'zh-CN': 'Nacos 拒绝了该请求',
    en: 'Nacos refused the request',
  },
  nacosUnexpected: {
    'zh-CN': 'Nacos 的响应与预期不符',
    en: 'Nacos answered in an unexpected way',
  },
  concurrentChange: {
    'zh-CN': '在你编辑期间，有人修改了 MCP 服务 {server}（版本 {version}）。你的修改未保存：页面已显示最新状态，请确认后重新操作',
    en: 'Someone changed the MCP server {server} (version {version}) while you were editing. Your change was not saved: the page now shows the current state; review it and try again',
  },
  // ── what Dify sees ──
  hiddenProtocol: {
    'zh-CN': '不支持该服务的协议（{protocol}）：Dify 的 Nacos MCP 插件只列出 mcp-sse 和 mcp-streamable 服务',
    en: 'Protocol {protocol}: the Dify Nacos MCP plugin lists only mcp-sse and mcp-streamable servers',
  },
  hiddenTool: {
    'zh-CN': '工具 {tool} 已关闭，插件不会提供给模型',
    en: 'The tool {tool} is switched off: the plugin does not offer it to the model',
  },
  // ── the Dify card ──
  addrMse: {
    'zh-CN': 'MSE 实例的内网地址：Dify 的 Pod 在 VPC {vpc} 内访问它（不经公网，无需放行公网白名单）',
    en: 'The MSE instance’s intranet address: Dify’s pods reach it inside the VPC {vpc} (no internet, no public whitelist)',
  },
  addrSelf: {
    'zh-CN': '控制台连接时使用的地址。Dify 的 Pod 必须能访问该地址：如果控制台是经公网 IP 或隧道访问的，请改填集群内可达的地址',
    en: 'The address the console connected to. Dify’s pods must reach it: if the console reached it through a public IP or a tunnel, enter the address the cluster can reach instead',
  },
  step1: {
    'zh-CN': '在 Dify 中打开“插件” → “探索 Marketplace”，搜索并安装 “Nacos MCP”（作者 `nacos`，插件 `nacos_mcp`）',
    en: 'In Dify open Plugins → Explore Marketplace, find and install “Nacos MCP” (author `nacos`, plugin `nacos_mcp`)',
  },
  step2: {
    'zh-CN': '打开插件的“授权”，按下方的值填写并保存：插件会以命名空间 `public` 列出 MCP 服务来验证，地址、密码或版本有误都会在这里报错',
    en: 'Open the plugin’s authorization, enter the values below and save: the plugin checks them by listing the MCP servers of namespace `public`, so a wrong address, password or version fails here',
  },
  step3: {
    'zh-CN': '在 Agent 或工作流中添加工具：自动发现用 `list_mcp_servers`、`list_mcp_server_tools`、`call_mcp_tool`；固定一组服务用 `list_mcp_server_tools_by_hand`、`call_mcp_tool`。工具的“命名空间”填 `{namespace}`',
    en: 'Add the tools to an agent or a workflow: for automatic discovery `list_mcp_servers`, `list_mcp_server_tools` and `call_mcp_tool`; for a fixed set `list_mcp_server_tools_by_hand` and `call_mcp_tool`. Set their namespace to `{namespace}`',
  },
  routerNote: {
    'zh-CN': '不用插件也可以：在集群中运行 `nacos-mcp-router`（命名空间 `dify-system`，Service `nacos-mcp-router`，端口 8000，环境变量如下），然后在 Dify（1.6.0 及以上）的“工具” → “MCP” → “添加 MCP 服务 (HTTP)”中填写此 URL',
    en: 'Without the plugin: run `nacos-mcp-router` in the cluster (namespace `dify-system`, Service `nacos-mcp-router`, port 8000, with the environment below), then in Dify (1.6.0 or later) Tools → MCP → Add MCP server (HTTP) enter this URL',
  },
  // ── reachability ──
  checkVpcTitle: { 'zh-CN': '同一 VPC', en: 'Same VPC' },
  checkVpcPass: {
    'zh-CN': '集群 {cluster} 与 MSE 实例都在 VPC {vpc} 中，Dify 的 Pod 可以访问内网地址',
    en: 'The cluster {cluster} and the MSE instance are both in the VPC {vpc}: Dify’s pods reach the intranet address',
  },
  checkVpcFail: {
    'zh-CN': '集群 {cluster} 在 VPC {clusterVpc}，MSE 实例在 VPC {mseVpc}：内网地址不可达。请使用同一 VPC 的 MSE 实例，或通过云企业网打通两个 VPC',
    en: 'The cluster {cluster} is in the VPC {clusterVpc}, the MSE instance in {mseVpc}: the intranet address is out of reach. Use an MSE instance of the same VPC, or connect the VPCs (Cloud Enterprise Network)',
  },
  checkSelfHosted: {
    'zh-CN': '自建 Nacos 无法从云端信息判断网络：请确认集群 {cluster}（VPC {vpc}）能访问 {address}',
    en: 'For a self-hosted Nacos the cloud cannot tell: make sure the cluster {cluster} (VPC {vpc}) reaches {address}',
  },
  checkAclTitle: { 'zh-CN': 'MSE 白名单', en: 'MSE whitelist' },
  checkAclOpen: {
    'zh-CN': 'MSE 实例未设置白名单，所有地址均可访问',
    en: 'The MSE instance has no whitelist: every address is admitted',
  },
  checkAclPass: {
    'zh-CN': '白名单（{acl}）已放行集群的网段 {ranges}',
    en: 'The whitelist ({acl}) admits the cluster’s ranges {ranges}',
  },
  checkAclFail: {
    'zh-CN': '白名单（{acl}）未放行集群的网段 {missing}：请在 MSE 控制台的“白名单设置”中加入这些网段',
    en: 'The whitelist ({acl}) does not admit the cluster’s ranges {missing}: add them in the MSE console (whitelist settings)',
  },
  noCluster: {
    'zh-CN': '服务实例 {id} 的参数中没有集群ID',
    en: 'The parameters of the deployment {id} name no cluster',
  },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXT;

export const t = (key: TextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
