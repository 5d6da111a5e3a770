// The module's keys, each derived for one purpose from the server's secret key.
import type { Config } from '../../platform/config.js';
import { decrypt, deriveKey, secretKey } from '../../platform/secrets.js';
import { maskName, maskPhone } from '../../platform/privacy.js';

export interface Keys {
  /** Encrypts residents' names and phone numbers. */
  data: Buffer;
  /** Signs proof-of-work challenges. */
  challenge: Buffer;
  /** Hashes device ids, so that the stored value cannot be matched with other sites. */
  device: Buffer;
}

export function moduleKeys(config: Config): Keys {
  const master = secretKey(config.dataDir);
  return { data: deriveKey(master, 'opinions:resident-data'), challenge: deriveKey(master, 'opinions:challenge'), device: deriveKey(master, 'opinions:device') };
}

/** A resident's contact, decrypted, in full or masked. */
export function residentContact(key: Buffer, row: { resident_name_enc: string | null; resident_phone_enc: string | null }, full: boolean) {
  const name = row.resident_name_enc ? decrypt(key, row.resident_name_enc) : null;
  const phone = row.resident_phone_enc ? decrypt(key, row.resident_phone_enc) : null;
  return full ? { name, phone } : { name: name && maskName(name), phone: phone && maskPhone(phone) };
}
