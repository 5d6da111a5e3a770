import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { proposalsApi } from '../../../api/proposals';
import { useT } from '../../../i18n/LocaleProvider';

export type Picked = UploadFile;

/** The id the server gave the uploaded file, once the upload finished. */
export function uploadedId(files: Picked[]): string | undefined {
  return files.map((f) => (f.response as { id?: string } | undefined)?.id).find((id): id is string => !!id);
}

/** One attachment, uploaded as soon as it is picked (the reply letter's signed scan, an opinion's file). */
export function FileField({ value, onChange }: { value: Picked[]; onChange: (files: Picked[]) => void }) {
  const t = useT('proposals');
  return (
    <Upload
      maxCount={1}
      fileList={value}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        proposalsApi.upload(file as File).then((saved) => onSuccess?.(saved), (e: Error) => onError?.(e));
      }}
    >
      <Button icon={<UploadOutlined />}>{t('form.upload')}</Button>
    </Upload>
  );
}
