// English counts in the server's own sentences (headlines, problem messages): "1 proposal",
// "2 proposals", by the language's plural rules. Chinese needs no forms.
const rules = new Intl.PluralRules('en');

/** `counted(1, 'comment')` → "1 comment"; `counted(3, 'reply', 'replies')` → "3 replies". */
export function counted(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${rules.select(n) === 'one' ? one : other}`;
}
