// Lists the residents' app file (the `resident` chunk, see vite.config.ts) in index.html as a
// module to preload, so that a phone opening /q/<code> starts downloading it while it reads the
// page, not only after the entry script has run and chosen the app. Every page needs that file:
// the office app imports React and antd's core from it too, so no one downloads it for nothing.
import type { Plugin } from 'vite';

export function preloadResident(): Plugin {
  return {
    name: 'shangliang-preload-resident',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'resident');
        if (!chunk || chunk.type !== 'chunk') throw new Error('no resident chunk to preload');
        const files = [chunk.fileName, ...chunk.imports].filter((file) => !html.includes(file));
        return files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}
