/// <reference lib="dom" />
import { expect, type Page } from '@playwright/test';

/**
 * Text of the other language on a page. The page's visible text, and the names screen readers
 * read (aria-label, title, placeholder), minus what is the cloud's or the user's own verbatim:
 * the deployment log, code (IDs, ARNs, addresses), inputs, and what is marked `translate="no"`.
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null): boolean =>
      !!el?.closest('[role="log"], code, pre, input, textarea, [translate="no"], [aria-hidden="true"], script, style, noscript');
    const shown = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !el || skip(el) || !shown(el)) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (el.closest('[aria-hidden="true"]') || (skip(el) && el.tagName !== 'INPUT')) continue;
      if (!shown(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(attr)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** Names that stay as they are in both languages: products, protocols, units, our IDs. */
const ALLOW_LATIN = new Set(
  (
    'Dify Root Alibaba Cloud Compute Nest ACK Pro Basic RDS PostgreSQL Redis Tair Milvus VPC NAS ECS ROS SLB CLB NLB RAM STS ' +
    'Kubernetes Ingress Nginx Controller Service LoadBalancer Deployment Celery BRPOP CROSSSLOT HPA Pod Pods Terway Flannel ' +
    'HTTP HTTPS TLS DNS IP CNAME CIDR OpenAPI API SDK CLI Helm root postgres vCPU GiB MiB GB MB KB CPU ms ' +
    'AliyunECSFullAccess AliyunVPCFullAccess AliyunROSFullAccess AliyunCSFullAccess AliyunKvstoreFullAccess ' +
    'AliyunRDSFullAccess AliyunComputeNestUserFullAccess AliyunMilvusFullAccess Access Key AccessKey ID ARN English ' +
    'ack dify system install nginx proxy body size buffering timeout read send ' +
    // API and parameter names, account types and Dify's component names, as the cloud spells them
    'DryRun StorageClass IngressClass LimitRange off Super api worker web sandbox plugin aliyun acs ' +
    // The MCP page: Nacos and its MCP Registry, other engines of MSE, MCP protocols, Dify's own words
    'Nacos Registry ZooKeeper Eureka stdio http Marketplace Agent Secret'
  ).split(/\s+/),
);

/** Names written in both languages on purpose (found whatever the current language). */
const BILINGUAL = new Set(['语言 / Language']);

/**
 * A value kept as the cloud (or Kubernetes) spells it, in brackets right after the Chinese words that
 * say it: `反复崩溃重启（CrashLoopBackOff）`, `无法连接阿里云（Cloud.NetworkError）`. One token only: a
 * sentence in brackets is still English.
 */
const RAW_VALUE = /(?<=[\u3400-\u9fff])（[A-Za-z][A-Za-z0-9_.\-:]*）/g;

/**
 * Half-width punctuation in Chinese text: a comma, semicolon or colon against a Chinese character,
 * or a comma or semicolon that separates like an English one (a space after it). Times (07:35),
 * ports (host:8848) and lists inside code are not affected.
 */
const HALF_WIDTH = /[\u3400-\u9fff][,;:!?]|[,;:!?][\u3400-\u9fff]|[,;] /;

/**
 * Latin words in Chinese text that are neither an allowed name nor an identifier (digits, dots,
 * dashes…), and half-width punctuation in Chinese sentences.
 */
export function englishIn(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (BILINGUAL.has(text)) continue;
    if (/[\u3400-\u9fff]/.test(text) && HALF_WIDTH.test(text)) found.add(`half-width punctuation ← “${text.slice(0, 80)}”`);
    for (const token of text.replace(RAW_VALUE, '').match(/(?<![0-9A-Za-z]|[0-9]\.)[A-Za-z][A-Za-z0-9_.\-:/@%+]*/g) ?? []) {
      if (token.includes('://')) continue; // a URL or its scheme
      const word = token.replace(/[.:/]+$/, '');
      if (/[0-9_.\-:/@%+]/.test(word)) continue; // an ID, an address, a version, a path
      if (ALLOW_LATIN.has(word) || /^[A-Z]{2,6}s?$/.test(word)) continue; // a name or an acronym
      found.add(`${word} ← “${text.slice(0, 80)}”`);
    }
  }
  return [...found];
}

/** What may be in Chinese on an English page: the language switch names its languages in their own. */
const ALLOW_HAN = new Set(['中文', '语言 / Language']);

/** Chinese characters or full-width punctuation in English text. */
export function chineseIn(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (ALLOW_HAN.has(text)) continue;
    if (/[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]/.test(text)) found.add(text.slice(0, 100));
  }
  return [...found];
}

/** Fails when the page shows text of the other language (outside the allow-lists above). */
export async function expectOneLanguage(page: Page, lang: 'zh-CN' | 'en', where: string): Promise<void> {
  const texts = await visibleTexts(page);
  expect(texts.length, where).toBeGreaterThan(2);
  const foreign = lang === 'zh-CN' ? englishIn(texts) : chineseIn(texts);
  expect(foreign, `${where} (${lang}) shows text of the other language`).toEqual([]);
}
