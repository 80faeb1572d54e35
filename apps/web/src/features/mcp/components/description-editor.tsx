import { useState } from 'react';
import { Input, Modal, theme } from 'antd';
import type { McpTool } from '@dify-console/shared/api/mcp';
import { useMcpT } from '../i18n/use-mcp-t';

/** The tool's description, the current text and the new one side by side. */
export function DescriptionEditor({
  tool,
  version,
  saving,
  onCancel,
  onSave,
}: {
  tool: McpTool;
  version: string;
  saving: boolean;
  onCancel: () => void;
  onSave: (text: string) => void;
}) {
  const { t } = useMcpT();
  const { token } = theme.useToken();
  const [text, setText] = useState(tool.description);
  return (
    <Modal
      open
      width={880}
      title={t('mcp.edit.title', { tool: tool.name })}
      okText={t('mcp.edit.save')}
      cancelText={t('mcp.edit.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: text.trim() === '' || text === tool.description }}
      onCancel={onCancel}
      onOk={() => onSave(text)}
    >
      <p style={{ color: token.colorTextSecondary }}>{t('mcp.edit.note', { version })}</p>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 280 }}>
          <div id="mcp-edit-current" style={{ fontWeight: 600, marginBottom: 4 }}>
            {t('mcp.edit.current')}
          </div>
          <Input.TextArea aria-labelledby="mcp-edit-current" value={tool.description} readOnly autoSize={{ minRows: 6 }} />
        </div>
        <div style={{ flex: 1, minWidth: 280 }}>
          <div id="mcp-edit-new" style={{ fontWeight: 600, marginBottom: 4 }}>
            {t('mcp.edit.new')}
          </div>
          <Input.TextArea aria-labelledby="mcp-edit-new" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6 }} maxLength={4000} />
        </div>
      </div>
    </Modal>
  );
}
