import type { ReactNode } from 'react';
import { Badge, Card, Typography } from 'antd';
import type { Section as SectionData, ProposalSummary } from '../../../api/proposals';
import { useT } from '../../../i18n/LocaleProvider';
import { ProposalTable } from './ProposalTable';

interface Props {
  title: string;
  section: SectionData | undefined;
  testId: string;
  loading?: boolean;
  actions?: (p: ProposalSummary) => ReactNode;
  deadlines?: boolean;
}

/** One part of a workbench: its title with the count, and the first rows. */
export function Section({ title, section, testId, loading, actions, deadlines }: Props) {
  const t = useT('proposals');
  const total = section?.total ?? 0;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={testId}
      title={
        <span>
          {title} <Badge count={total} showZero color={total ? '#b4232a' : '#bbb'} />
        </span>
      }
    >
      {section && section.items.length === 0 ? (
        // A short line rather than a picture: an empty part should not push the others off a phone screen.
        <Typography.Text type="secondary">{t('workbench.empty')}</Typography.Text>
      ) : (
        <ProposalTable items={section?.items ?? []} loading={loading} actions={actions} deadlines={deadlines} />
      )}
      {section && section.total > section.items.length && <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>{t('workbench.more', { shown: section.items.length, total: section.total })}</div>}
    </Card>
  );
}
