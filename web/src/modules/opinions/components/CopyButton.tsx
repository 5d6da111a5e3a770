import { useState } from 'react';
import { Button } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';

/**
 * Copies `text` to the clipboard (what antd's Typography `copyable` did, without Typography's
 * code). Browsers offer the clipboard on https:// and localhost only; elsewhere it is not shown.
 */
export function CopyButton({ text, label, doneLabel }: { text: string; label: string; doneLabel: string }) {
  const [copied, setCopied] = useState(false);
  if (!navigator.clipboard) return null;
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 3000);
  };
  return (
    <Button
      type="text"
      icon={copied ? <CheckOutlined style={{ color: '#52c41a' }} /> : <CopyOutlined />}
      aria-label={copied ? doneLabel : label}
      title={copied ? doneLabel : label}
      onClick={() => void copy().catch(() => {})}
    />
  );
}
