import { Tag } from 'antd';
import type { AssignmentState, CategoryNode, ProposalState } from '../../../api/proposals';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { ProposalsKey } from '../../../i18n/keys';

export type T = Translate<ProposalsKey>;

const STATE_COLORS: Record<ProposalState, string> = {
  draft: 'default',
  cosigning: 'gold',
  submitted: 'blue',
  accepted: 'cyan',
  rejected: 'default',
  merged: 'default',
  converted: 'purple',
  handling: 'orange',
  replied: 'geekblue',
  evaluated: 'magenta',
  closed: 'green',
};

export function StateTag({ state, t }: { state: ProposalState; t: T }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid="proposal-state">
      {t(`state.${state}`)}
    </Tag>
  );
}

const ASSIGNMENT_COLORS: Record<AssignmentState, string> = { assigned: 'blue', signed: 'orange', reassign_requested: 'red', replied: 'green', withdrawn: 'default' };

export function AssignmentTag({ state, t }: { state: AssignmentState; t: T }) {
  return <Tag color={ASSIGNMENT_COLORS[state]}>{t(`assignment.${state}`)}</Tag>;
}

export { today } from '../../../shared/time';

export interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

/** The category tree as a TreeSelect wants it, without retired categories. */
export function categoryOptions(nodes: CategoryNode[]): TreeOption[] {
  return nodes.filter((n) => n.active).map((n) => ({ value: n.id, title: n.name, children: categoryOptions(n.children) }));
}

/** Every category of the tree with its full path, for a flat filter. */
export function flatCategories(nodes: CategoryNode[], prefix = ''): { value: number; label: string }[] {
  return nodes.flatMap((n) => [{ value: n.id, label: `${prefix}${n.name}` }, ...flatCategories(n.children, `${prefix}${n.name} / `)]);
}
