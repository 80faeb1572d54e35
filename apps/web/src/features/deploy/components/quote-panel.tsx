import { Alert, Button, Spin, Table, Tag, theme } from 'antd';
import type { Quote, QuoteItem, QuoteRequest } from '@dify-console/shared/api/deployments';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ReloadIcon } from '../../../components/icons';
import { Panel } from '../../../components/panel';
import { errorMessage } from '../../../lib/api-client';
import { usePageT, type PageTFunction } from '../../../lib/i18n/use-page-t';
import { useQuote } from '../api/get-quote';
import { CloudAnswer } from '../../../components/cloud-answer';

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** `/Hour` → `/小时` (or `/hour`); a unit the dictionary does not know is shown as it is. */
export function unitText(unit: string, t: PageTFunction): string {
  const key = `quote.unit.${unit}`;
  return key === 'quote.unit./Hour' || key === 'quote.unit./Day' || key === 'quote.unit./Month' || key === 'quote.unit./Year'
    ? t(key)
    : unit;
}

/** "询价明细": the live quote of the current parameters, item by item, with what is NOT in it. */
export function QuotePanel({ request, secretKeys }: { request: QuoteRequest; secretKeys?: readonly string[] }) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const quote = useQuote(request, locale, secretKeys);
  const data = quote.data;
  const money = (amount: number, unit?: string) =>
    data ? `${formatMoney(amount, data.currency, locale)}${unit ? unitText(unit, t) : ''}` : '';

  const columns = [
    { key: 'label', title: t('quote.col.item'), dataIndex: 'label' },
    {
      key: 'chargeType',
      title: t('quote.col.chargeType'),
      render: (_: unknown, item: QuoteItem) => t(item.chargeType === 'PrePaid' ? 'quote.charge.PrePaid' : 'quote.charge.PostPaid'),
    },
    { key: 'quantity', title: t('quote.col.quantity'), dataIndex: 'quantity', align: 'right' as const },
    {
      key: 'unitPrice',
      title: t('quote.col.unitPrice'),
      align: 'right' as const,
      render: (_: unknown, item: QuoteItem) => money(item.quantity > 0 ? item.tradeAmount / item.quantity : item.tradeAmount, item.priceUnit),
    },
    {
      key: 'amount',
      title: t('quote.col.amount'),
      align: 'right' as const,
      render: (_: unknown, item: QuoteItem) => (
        <>
          {money(item.tradeAmount, item.priceUnit)}
          {item.discountAmount > 0 ? (
            <div style={{ fontSize: 12, color: token.colorTextTertiary, textDecoration: 'line-through' }}>
              {money(item.originalAmount, item.priceUnit)}
            </div>
          ) : null}
        </>
      ),
    },
  ];

  const title = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {t('quote.title')}
      {data?.sandbox ? (
        <Tag color="gold" title={t('quote.sandboxNote')} style={{ marginInlineEnd: 0 }} data-testid="quote-sandbox">
          {t('quote.sandbox')}
        </Tag>
      ) : null}
    </span>
  );

  return (
    <Panel id="section-quote" title={title}>
      <div aria-live="polite" aria-busy={quote.isFetching} data-testid="quote">
        {quote.isPending ? (
          <div style={{ padding: '16px 0 24px', color: token.colorTextSecondary }}>
            <Spin size="small" /> {t('quote.loading')}
          </div>
        ) : null}
        {quote.isError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('quote.failed', { message: errorMessage(quote.error, locale) })} description={<CloudAnswer error={quote.error} />}
            action={
              <Button size="small" icon={<ReloadIcon />} onClick={() => void quote.refetch()}>
                {t('quote.retry')}
              </Button>
            }
          />
        ) : null}
        {data ? <QuoteBody quote={data} stale={quote.isPlaceholderData} columns={columns} money={money} /> : null}
      </div>
    </Panel>
  );
}

function QuoteBody({
  quote,
  stale,
  columns,
  money,
}: {
  quote: Quote;
  stale: boolean;
  columns: object[];
  money: (amount: number, unit?: string) => string;
}) {
  const { t, locale } = usePageT();
  const { token } = theme.useToken();
  const muted = { color: token.colorTextSecondary, fontSize: 12 };
  return (
    <div style={{ opacity: stale ? 0.55 : 1, transition: 'opacity .2s' }}>
      {stale ? <div style={{ ...muted, marginBottom: 8 }}>{t('quote.refreshing')}</div> : null}
      {quote.sandbox ? <div style={{ ...muted, marginBottom: 8 }}>{t('quote.sandboxNote')}</div> : null}
      <Table<QuoteItem>
        size="small"
        rowKey="id"
        pagination={false}
        columns={columns}
        dataSource={quote.items}
        locale={{ emptyText: t('quote.empty') }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <strong>{t('quote.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="quote-total">{money(quote.total.tradeAmount, quote.total.priceUnit)}</strong>
              {quote.total.discountAmount > 0 ? (
                <div style={muted}>{t('quote.discount', { amount: money(quote.total.discountAmount) })}</div>
              ) : null}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {quote.existingResources.length > 0 ? (
        <section aria-labelledby="quote-existing" style={{ marginTop: 16 }}>
          <h3 id="quote-existing" style={{ margin: '0 0 4px', fontSize: token.fontSize, fontWeight: 600 }}>
            {t('quote.existingTitle')}
          </h3>
          <ul style={{ margin: 0, paddingInlineStart: 20, color: token.colorTextSecondary }}>
            {quote.existingResources.map((r) => (
              <li key={`${r.kind}-${r.id}`}>
                {r.label} <code>{r.id}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="quote-later" style={{ marginTop: 16, marginBottom: 16 }}>
        <h3 id="quote-later" style={{ margin: '0 0 4px', fontSize: token.fontSize, fontWeight: 600 }}>
          {t('quote.accessEntryTitle')}
        </h3>
        <div data-testid="quote-access-entry" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          <span>{quote.accessEntry.label}</span>
          <span>{money(quote.accessEntry.tradeAmount, quote.accessEntry.priceUnit)}</span>
        </div>
        <div style={muted}>{quote.accessEntry.note}</div>
      </section>
      <div style={{ ...muted, marginBottom: 16 }} data-time={quote.quotedAt}>
        {t('quote.quotedAt', { time: new Date(quote.quotedAt).toLocaleString(locale) })}
      </div>
    </div>
  );
}
