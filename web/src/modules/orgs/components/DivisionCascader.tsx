import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { orgsApi } from '../../../api/orgs';
import type { Division, OrgLevel } from '../../../api/types';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (d: Division): Option => ({ value: d.code, label: d.name, isLeaf: d.level === 'village' });

/**
 * The chain of codes from the level below the organization down to `code`.
 * Codes nest by prefix: county 6 digits, town 9, village 12. A city's cascader starts at its
 * counties, a county's at its towns.
 */
export function divisionPath(code: string, rootLevel: OrgLevel): string[] {
  const cuts = rootLevel === 'county' ? [9, 12] : [6, 9, 12];
  return cuts.filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

function attach(options: Option[], parent: string, children: Option[]): Option[] {
  return options.map((o) =>
    o.value === parent ? { ...o, children } : o.children ? { ...o, children: attach(o.children, parent, children) } : o,
  );
}

interface Props {
  rootCode: string | null | undefined;
  rootLevel: OrgLevel;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  placeholder?: string;
}

/** County → town → village, each level fetched when opened (a city has over a thousand villages). */
export function DivisionCascader({ rootCode, rootLevel, value, onChange, id, placeholder }: Props) {
  const [options, setOptions] = useState<Option[]>([]);

  // Load the root level, and every level along the current value so that it displays by name.
  useEffect(() => {
    if (!rootCode) return;
    let cancelled = false;
    void (async () => {
      let tree = (await orgsApi.divisions(rootCode)).map(toOption);
      for (const code of value ? divisionPath(value, rootLevel).slice(0, -1) : []) {
        tree = attach(tree, code, (await orgsApi.divisions(code)).map(toOption));
      }
      if (!cancelled) setOptions(tree);
    })();
    return () => {
      cancelled = true;
    };
    // Only the root decides the tree; later picks load their own levels through loadData.
  }, [rootCode, rootLevel]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    const children = (await orgsApi.divisions(target.value)).map(toOption);
    setOptions((prev) => attach(prev, target.value, children.length ? children : []));
  };

  return (
    <Cascader<Option>
      id={id}
      options={options}
      loadData={(selected) => void loadData(selected)}
      value={value ? divisionPath(value, rootLevel) : undefined}
      onChange={(path) => onChange?.(path ? String(path[path.length - 1]) : undefined)}
      changeOnSelect
      showSearch={false}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}
