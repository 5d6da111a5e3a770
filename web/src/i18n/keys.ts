import type { catalogs } from './catalogs';

// Key types for helpers that receive a t() from a component.
export type AppKey = keyof (typeof catalogs)['app']['zh-CN'] & string;
export type OrgsKey = keyof (typeof catalogs)['orgs']['zh-CN'] & string;
export type AccountsKey = keyof (typeof catalogs)['accounts']['zh-CN'] & string;
export type OpinionsKey = keyof (typeof catalogs)['opinions']['zh-CN'] & string;
export type ProposalsKey = keyof (typeof catalogs)['proposals']['zh-CN'] & string;
