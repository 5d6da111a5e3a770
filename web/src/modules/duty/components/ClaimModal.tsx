// A member claims an offline duty (a research trip, a training) with a note, for the office to approve.
import { Form, Input } from 'antd';
import { dutyApi } from '../../../api/duty';
import { useT } from '../../../i18n/LocaleProvider';
import { OfflineDutyModal } from './OfflineDutyModal';

export function ClaimModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT('duty');
  const ta = useT('app');
  return (
    <OfflineDutyModal
      title={t('claim.title')} okText={t('claim.submit')} done={t('claim.sent')} open={open} onClose={onClose}
      fields={['kind', 'occurredOn', 'title', 'note']}
      send={(v) => dutyApi.claim({ kind: v.kind, occurredOn: v.occurredOn, title: v.title, note: v.note as string })}
      after={
        <Form.Item name="note" label={t('claim.note')} rules={[{ required: true, message: ta('common.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      }
    />
  );
}
