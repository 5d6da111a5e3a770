// A grade as a coloured tag, in the page's language.
import { Tag } from 'antd';
import type { Grade } from '../../../api/duty';
import { useT } from '../../../i18n/LocaleProvider';

const colors: Record<Grade, string> = { excellent: 'green', competent: 'blue', basic: 'orange', not_competent: 'red' };

export function GradeTag({ grade }: { grade: Grade }) {
  const t = useT('duty');
  return <Tag color={colors[grade]} data-testid="duty-grade">{t(`grade.${grade}`)}</Tag>;
}
