import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { problemMessage } from '../../../../api/errors';
import { useLocale } from '../../../../i18n/LocaleProvider';
import { MAX_COMMENT, roomApi } from '../api';
import { useRoomT } from '../i18n';

/** The comment box with its character counter; the server has the last word on length and on whether the room is open. */
export function CommentBox({ meetingId, open, onPosted }: { meetingId: number; open: boolean; onPosted: (id: number, state: 'visible' | 'pending') => void }) {
  const t = useRoomT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const length = [...body.trim()].length;
  const tooLong = length > MAX_COMMENT;
  const send = useMutation({
    mutationFn: () => roomApi.post(meetingId, body.trim()),
    onSuccess: (r) => {
      setBody('');
      void message.success(r.state === 'pending' ? t('box.sentPending') : t('box.sent'));
      onPosted(r.id, r.state);
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  if (!open) return <Alert type="info" showIcon title={t('box.closed')} style={{ marginBottom: 12 }} />;
  return (
    <form
      aria-label={t('box.label')}
      onSubmit={(e) => {
        e.preventDefault();
        if (length > 0 && !tooLong) send.mutate();
      }}
      style={{ marginBottom: 12 }}
    >
      <Input.TextArea
        aria-label={t('box.label')}
        placeholder={t('box.placeholder')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        status={tooLong ? 'error' : undefined}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
        <Typography.Text type={tooLong ? 'danger' : 'secondary'} aria-live="polite" style={{ fontSize: 12 }}>
          {tooLong ? t('box.tooLong') : t('box.counter', { count: length, max: MAX_COMMENT })}
        </Typography.Text>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={send.isPending} disabled={length === 0 || tooLong}>
          {t('box.send')}
        </Button>
      </Flex>
    </form>
  );
}
