import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function PageHeader({ title, extra, back }: { title: ReactNode; extra?: ReactNode; back?: ReactNode }) {
  return (
    <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 16 }}>
      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
        {back}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Flex>
      {extra && (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
