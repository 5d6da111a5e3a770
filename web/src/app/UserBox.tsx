import { Button, Flex, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../api/auth';
import type { Me } from '../api/types';
import { useT } from '../i18n/LocaleProvider';

export function UserBox({ me, vertical }: { me: Me; vertical?: boolean }) {
  const t = useT('app');
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      queryClient.clear();
      void navigate('/login');
    }
  };

  return (
    <Flex gap={vertical ? 8 : 12} vertical={vertical} align={vertical ? 'stretch' : 'center'} data-testid="user-box">
      <Flex gap={6} align="center" style={{ minWidth: 0 }}>
        <UserOutlined />
        <Typography.Text strong ellipsis>{me.displayName}</Typography.Text>
        <Typography.Text type="secondary" ellipsis>{me.organization.name}</Typography.Text>
      </Flex>
      <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
        {t('user.logout')}
      </Button>
    </Flex>
  );
}
