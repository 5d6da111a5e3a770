import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/LocaleProvider';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

interface Props {
  value: File[];
  onChange: (files: File[]) => void;
  max: number;
  maxBytes: number;
  disabled?: boolean;
}

/**
 * Up to `max` photos with previews; what the server would refuse is refused here first, said
 * under the photos (not in a toast: antd's message code stays off the resident's phone).
 */
export function PhotoPicker({ value, onChange, max, maxBytes, disabled }: Props) {
  const t = useT('opinions');
  const [refused, setRefused] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => value.map((f) => URL.createObjectURL(f)), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const add = (list: FileList | null) => {
    const picked: File[] = [];
    const reasons = new Set<string>();
    for (const f of Array.from(list ?? [])) {
      if (!IMAGE_TYPES.includes(f.type)) reasons.add(t('scan.notImage'));
      else if (f.size > maxBytes) reasons.add(t('scan.photoTooBig', { mb: maxBytes / 1048576 }));
      else picked.push(f);
    }
    setRefused([...reasons]);
    onChange([...value, ...picked].slice(0, max));
    if (input.current) input.current.value = '';
  };

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {value.map((f, i) => (
          <div key={`${f.name}-${i}`} style={{ position: 'relative', width: 96, height: 96 }} data-testid="photo-preview">
            <img src={urls[i]} alt={f.name} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6 }} />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={`${t('common.remove')} ${f.name}`}
              style={{ position: 'absolute', top: 2, right: 2 }}
              disabled={disabled}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </div>
        ))}
        {value.length < max && (
          <Button style={{ width: 96, height: 96 }} icon={<PlusOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
            {t('scan.addPhoto')}
          </Button>
        )}
        <input ref={input} type="file" accept={IMAGE_TYPES.join(',')} multiple style={{ display: 'none' }} data-testid="photo-input" onChange={(e) => add(e.target.files)} />
      </div>
      {refused.map((r) => (
        <div key={r} role="alert" style={{ color: '#ff4d4f', marginTop: 4 }}>
          {r}
        </div>
      ))}
    </>
  );
}
