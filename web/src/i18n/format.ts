// Message formatting: `{name}` is replaced by the value; `{n, plural, one {# vote} other {# votes}}`
// picks the form that the language's plural rules (Intl.PluralRules) ask for, `=0 {…}` an exact
// number, and `#` inside the chosen form is the number. Chinese needs no forms; English does.
export type Vars = Record<string, string | number>;

const rulesByLang = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, n: number): string {
  let rules = rulesByLang.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    rulesByLang.set(lang, rules);
  }
  return rules.select(n);
}

/** The index of the brace that closes the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function plural(body: string, n: number, lang: string): string | null {
  const forms = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = closing(body, open);
    if (close < 0) return null;
    forms.set(m[1]!, body.slice(open + 1, close));
    i = close + 1;
  }
  const chosen = forms.get(`=${n}`) ?? forms.get(pluralCategory(lang, n)) ?? forms.get('other');
  return chosen === undefined ? null : chosen.replace(/#/g, String(n));
}

export function format(template: string, vars?: Vars, lang = 'en'): string {
  if (!vars) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    out += template.slice(i, open);
    const close = closing(template, open);
    if (close < 0) break;
    const inner = template.slice(open + 1, close);
    const simple = /^(\w+)$/.exec(inner);
    const choice = /^(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (simple && simple[1]! in vars) out += String(vars[simple[1]!]);
    else if (choice && choice[1]! in vars) {
      const text = plural(choice[2]!, Number(vars[choice[1]!]), lang);
      out += text === null ? template.slice(open, close + 1) : format(text, vars, lang);
    } else out += template.slice(open, close + 1);
    i = close + 1;
  }
  return out + template.slice(i);
}
