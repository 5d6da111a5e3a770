import { useState, type ReactNode } from 'react';
import { Badge, Button, Flex } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useT } from '../i18n/LocaleProvider';
import { useIsPhone } from './useIsPhone';

interface Props {
  /** Always shown (the search box). */
  lead?: ReactNode;
  /** Shown on wide screens; on a phone folded behind one button so the list stays in view. */
  filters: ReactNode;
  /** How many folded filters are set, shown on the button. */
  active: number;
  onReset: () => void;
  testId?: string;
}

export function FilterBar({ lead, filters, active, onReset, testId }: Props) {
  const t = useT('app');
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid={testId}>
      {lead}
      {isPhone && (
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} aria-expanded={open}>
            {t('common.filters')}
          </Button>
        </Badge>
      )}
      {(!isPhone || open) && filters}
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
