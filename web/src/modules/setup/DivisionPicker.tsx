import { useEffect, useState } from 'react';
import { Alert, Form, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { setupApi, type SetupDivision, type SetupLevel } from '../../api/setup';
import { useT } from '../../i18n/LocaleProvider';

export interface Choice {
  division: SetupDivision;
  /** For a city: its county-level divisions, each to get a CPPCC. */
  counties: SetupDivision[];
}

const options = (list: SetupDivision[] | undefined) => (list ?? []).map((d) => ({ value: d.code, label: d.name }));

/**
 * Province → city → county from the division tree, as deep as the level asks. A municipality's
 * districts and the counties a province governs directly sit right under the province, so at
 * county level the second list offers them beside the cities.
 */
export function DivisionPicker({ level, onChange }: { level: SetupLevel; onChange: (choice: Choice | null) => void }) {
  const t = useT('setup');
  const [province, setProvince] = useState<string>();
  const [second, setSecond] = useState<string>();
  const [county, setCounty] = useState<string>();
  useEffect(() => {
    setSecond(undefined);
    setCounty(undefined);
  }, [level]);

  const provinces = useQuery({ queryKey: ['setup-divisions', 'root'], queryFn: () => setupApi.divisions() });
  const underProvince = useQuery({ queryKey: ['setup-divisions', province], queryFn: () => setupApi.divisions(province), enabled: !!province && level !== 'province' });
  const secondDiv = underProvince.data?.find((d) => d.code === second);
  const underSecond = useQuery({ queryKey: ['setup-divisions', second], queryFn: () => setupApi.divisions(second), enabled: secondDiv?.level === 'city' });

  const provinceDiv = provinces.data?.find((d) => d.code === province);
  const counties = (underSecond.data ?? []).filter((d) => d.level === 'county');
  const chosen =
    level === 'province' ? provinceDiv
    : level === 'city' ? (secondDiv?.level === 'city' ? secondDiv : undefined)
    : secondDiv?.level === 'county' ? secondDiv
    : counties.find((d) => d.code === county);
  const countyList = level === 'city' && chosen ? counties : [];
  const ready = level !== 'city' || !chosen || underSecond.isSuccess;

  useEffect(() => {
    onChange(chosen && ready ? { division: chosen, counties: countyList } : null);
    // Only a new choice (or its counties arriving) is news to the form.
  }, [chosen?.code, ready, countyList.length]);

  const seconds = (underProvince.data ?? []).filter((d) => level === 'county' || d.level === 'city');
  return (
    <>
      <Form.Item label={t('org.province')} required htmlFor="setup-province">
        <Select
          id="setup-province"
          showSearch={{ optionFilterProp: 'label' }}
          value={province}
          options={options(provinces.data)}
          loading={provinces.isLoading}
          onChange={(v: string) => {
            setProvince(v);
            setSecond(undefined);
            setCounty(undefined);
          }}
        />
      </Form.Item>
      {level !== 'province' && province && underProvince.isSuccess && seconds.length === 0 && <Alert type="info" showIcon title={t('org.noCities')} style={{ marginBottom: 16 }} />}
      {level !== 'province' && province && seconds.length > 0 && (
        <Form.Item label={level === 'city' ? t('org.city') : t('org.cityOrCounty')} required htmlFor="setup-second">
          <Select
            id="setup-second"
            showSearch={{ optionFilterProp: 'label' }}
            value={second}
            options={options(seconds)}
            onChange={(v: string) => {
              setSecond(v);
              setCounty(undefined);
            }}
          />
        </Form.Item>
      )}
      {level === 'county' && secondDiv?.level === 'city' && (
        <Form.Item label={t('org.county')} required htmlFor="setup-county">
          <Select id="setup-county" showSearch={{ optionFilterProp: 'label' }} value={county} options={options(counties)} loading={underSecond.isLoading} onChange={(v: string) => setCounty(v)} />
        </Form.Item>
      )}
    </>
  );
}
