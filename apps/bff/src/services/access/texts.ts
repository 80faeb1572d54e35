import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';

/** Every sentence of the access entry, in the console's two languages. */
export const TEXT = {
  // ── refusals ──
  notDeployed: {
    'zh-CN': '服务实例 {id} 当前状态为 {status}，部署成功（Deployed）后才能配置访问入口',
    en: 'The deployment {id} is {status}; the access entry can be set up once it is Deployed',
  },
  noCluster: {
    'zh-CN': '服务实例 {id} 的参数中没有集群ID，无法配置访问入口',
    en: 'The parameters of the deployment {id} name no cluster, so no access entry can be set up',
  },
  serviceMissing: {
    'zh-CN': '集群中没有 dify-system 命名空间下的 Service ack-dify：Dify 未安装在该集群中，或已被删除',
    en: 'The cluster has no Service ack-dify in the namespace dify-system: Dify is not installed there (or was removed)',
  },
  addonMissingTitle: {
    'zh-CN': '集群未安装 nginx Ingress 组件，请同意安装后重试',
    en: 'The nginx Ingress add-on is not installed; agree to install it',
  },
  addonMissing: {
    'zh-CN': 'Ingress 入口需要集群组件 nginx-ingress-controller。勾选“安装组件”后重试：控制台会安装它（会创建一个公网负载均衡，按量计费），约需一分钟',
    en: 'An Ingress entry needs the cluster add-on nginx-ingress-controller. Tick "install the add-on" and apply again: the console installs it (this creates an internet-facing load balancer, billed by usage); it takes about a minute',
  },
  addonNotOffered: {
    'zh-CN': '该集群的可安装组件中没有 nginx-ingress-controller，请在容器服务控制台的“组件管理”中安装后重试',
    en: 'nginx-ingress-controller is not offered for this cluster; install it from Add-ons in the Container Service console, then apply again',
  },
  // ── TLS ──
  tlsTitle: { 'zh-CN': 'TLS 证书不可用，未做任何更改', en: 'The TLS certificate cannot be used; nothing was changed' },
  certUnreadable: {
    'zh-CN': '无法读取证书：请粘贴 PEM 格式的证书（以 -----BEGIN CERTIFICATE----- 开头，服务器证书在前，中间证书在后）',
    en: 'The certificate cannot be read: paste it in PEM form (starting with -----BEGIN CERTIFICATE-----, the server certificate first, then the intermediates)',
  },
  keyUnreadable: {
    'zh-CN': '无法读取私钥：请粘贴未加密的 PEM 私钥（以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY----- 开头，不带密码）',
    en: 'The private key cannot be read: paste the unencrypted PEM private key (starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----, without a passphrase)',
  },
  keyMismatch: {
    'zh-CN': '私钥与证书不匹配：请粘贴签发该证书时使用的私钥',
    en: 'The private key does not belong to this certificate: paste the key the certificate was issued for',
  },
  certExpired: {
    'zh-CN': '证书已于 {date} 过期：请续期或换用有效的证书',
    en: 'The certificate expired on {date}: renew it or use a valid one',
  },
  certNotYetValid: {
    'zh-CN': '证书要到 {date} 才生效：请使用当前有效的证书（或检查本机时间）',
    en: 'The certificate is not valid before {date}: use a certificate that is valid now (or check the clock)',
  },
  certWrongHost: {
    'zh-CN': '证书适用于 {names}，不包含域名 {host}：请使用包含 {host} 的证书，或更改域名',
    en: 'The certificate is for {names}, not for {host}: use a certificate that covers {host}, or change the domain',
  },
  // ── state ──
  lbCreating: {
    'zh-CN': '阿里云正在为 Service ack-dify 创建负载均衡，通常一分钟内完成',
    en: 'Alibaba Cloud is creating the load balancer of Service ack-dify; this usually takes under a minute',
  },
  lbFailed: {
    'zh-CN': '负载均衡创建失败（{message}）。请按提示修正后重新应用',
    en: 'The load balancer could not be set up ({message}). Correct it and apply again',
  },
  addonInstalling: {
    'zh-CN': '正在安装 nginx Ingress 组件（约一分钟），之后 Ingress 会获得地址',
    en: 'Installing the nginx Ingress add-on (about a minute); the Ingress gets its address after that',
  },
  addonFailed: {
    'zh-CN': 'nginx Ingress 组件安装失败（{message}）。请在容器服务控制台查看该组件，或重新应用',
    en: 'Installing the nginx Ingress add-on failed ({message}). Look at the add-on in the Container Service console, or apply again',
  },
  addonGone: {
    'zh-CN': '集群中没有 nginx Ingress 组件，Ingress 不会获得地址：请重新应用并同意安装组件',
    en: 'The cluster has no nginx Ingress add-on, so the Ingress gets no address: apply again and agree to install the add-on',
  },
  ingressWaiting: {
    'zh-CN': '等待 Ingress 控制器为 Ingress ack-dify-nginx 分配地址',
    en: 'Waiting for the Ingress controller to give Ingress ack-dify-nginx its address',
  },
  controllerLbFailed: {
    'zh-CN': 'Ingress 控制器的负载均衡（kube-system/nginx-ingress-lb）创建失败（{message}）',
    en: 'The load balancer of the Ingress controller (kube-system/nginx-ingress-lb) could not be set up ({message})',
  },
  noEntry: {
    'zh-CN': '尚未配置访问入口：Service ack-dify 仅集群内可访问',
    en: 'No access entry yet: Service ack-dify is reachable only inside the cluster',
  },
  // ── checks ──
  checkInstallTitle: { 'zh-CN': 'Dify 初始化页面可访问', en: "Dify's set-up page answers" },
  checkUploadTitle: { 'zh-CN': '大文件上传不被拦截', en: 'Large uploads get through' },
  checkStreamingTitle: { 'zh-CN': '流式回答实时到达', en: 'Streamed answers arrive as they are written' },
  checkPending: { 'zh-CN': '正在通过入口地址检查…', en: 'Checking through the entry address…' },
  checkWaitingAddress: { 'zh-CN': '入口获得地址后开始检查', en: 'Runs once the entry has an address' },
  checkUnresolved: {
    'zh-CN': '地址 {hostname} 无法解析，无法检查',
    en: 'The address {hostname} does not resolve, so nothing could be checked',
  },
  checkUnreachable: {
    'zh-CN': '无法连接 {where}（{error}）',
    en: 'Could not reach {where} ({error})',
  },
  installPass: { 'zh-CN': '{url} 返回了 Dify 初始化页面', en: '{url} answered with Dify\'s set-up page' },
  installFail: {
    'zh-CN': '{url} 返回 HTTP {status}，不是 Dify 初始化页面：请检查 Dify 的 Pod 是否正常运行',
    en: "{url} answered HTTP {status}, not Dify's set-up page: check that Dify's pods are running",
  },
  uploadPass: {
    'zh-CN': '{size} MB 的上传通过了入口（未返回 413）',
    en: 'A {size} MB upload passed the entry (no 413)',
  },
  uploadFail413: {
    'zh-CN': '{size} MB 的上传被入口拒绝（HTTP 413 请求体过大）：请提高入口的请求体上限（nginx.ingress.kubernetes.io/proxy-body-size），重新应用即可恢复',
    en: 'A {size} MB upload was refused by the entry (HTTP 413, body too large): raise the body limit of the entry (nginx.ingress.kubernetes.io/proxy-body-size); applying the entry again restores it',
  },
  uploadFail: {
    'zh-CN': '{size} MB 的上传返回 HTTP {status}',
    en: 'A {size} MB upload answered HTTP {status}',
  },
  streamPass: {
    'zh-CN': '{count} 个事件陆续到达，跨度 {span} 毫秒（未被缓冲）',
    en: '{count} events arrived one by one over {span} ms (not buffered)',
  },
  streamBuffered: {
    'zh-CN': '事件被入口缓冲后一次性到达（{span} 毫秒内）：流式回答会卡住后整段出现。请关闭入口的缓冲（nginx.ingress.kubernetes.io/proxy-buffering: "off"），重新应用即可恢复',
    en: 'The events were held back by the entry and arrived in one lump (within {span} ms): streamed answers would stall, then appear at once. Turn buffering off at the entry (nginx.ingress.kubernetes.io/proxy-buffering: "off"); applying the entry again restores it',
  },
  streamTimeout: {
    'zh-CN': '流式回答在停顿后被入口切断（超时）：请提高入口的读取超时（nginx.ingress.kubernetes.io/proxy-read-timeout），重新应用即可恢复',
    en: 'The entry cut the stream after a pause (timeout): raise the read timeout of the entry (nginx.ingress.kubernetes.io/proxy-read-timeout); applying the entry again restores it',
  },
  streamSettingsPass: {
    'zh-CN': '该 Dify 不提供可匿名测量的流；入口未开启缓冲（负载均衡按 TCP 转发，或 Ingress 已设置 proxy-buffering: "off"）',
    en: 'This Dify offers no stream to measure anonymously; the entry does not buffer (a TCP load balancer, or an Ingress with proxy-buffering: "off")',
  },
  streamFail: {
    'zh-CN': '流式检查返回 HTTP {status}',
    en: 'The streaming check answered HTTP {status}',
  },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXT;

export const t = (key: TextKey, locale: Locale, params: Record<string, string | number> = {}) => format(TEXT[key][locale], params);
