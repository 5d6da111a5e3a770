import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../api/orgs';
import type { Organization } from '../api/types';

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

export function organizationTree(orgs: Organization[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>(orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] }]));
  const roots: TreeNode[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    // A user sees their own organization and those below it, so its parent may be missing.
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function useOrganizations(enabled = true) {
  return useQuery({ queryKey: ['orgs', 'organizations'], queryFn: orgsApi.organizations, staleTime: 5 * 60_000, enabled });
}

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
  disabled?: boolean;
  /** For the public registration form, which may not call the signed-in route. */
  organizations?: Organization[];
}

export function OrganizationSelect({ value, onChange, placeholder, allowClear, id, style, disabled, organizations }: Props) {
  const own = useOrganizations(!organizations);
  const list = organizations ?? own.data;
  const treeData = useMemo(() => organizationTree(list ?? []), [list]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v as number | undefined)}
      treeData={treeData}
      treeDefaultExpandAll
      allowClear={allowClear}
      placeholder={placeholder}
      loading={!organizations && own.isLoading}
      disabled={disabled}
      style={{ minWidth: 180, ...style }}
      showSearch={{ treeNodeFilterProp: 'title' }}
    />
  );
}
