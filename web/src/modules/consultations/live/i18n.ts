import { useT, type Translate } from '../../../i18n/LocaleProvider';
import type { catalogs } from '../../../i18n/catalogs';

export type RoomKey = keyof (typeof catalogs)['room']['zh-CN'] & string;

export function useRoomT(): Translate<RoomKey> {
  return useT('room');
}
