import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { problemMessage } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';

/**
 * One-click steps on a page: runs the call, says so, refreshes everything of the module (the
 * detail, its timeline, the lists), and shows the server's message when it refuses.
 * `busy(key)` tells which button spins.
 */
export function useRun() {
  const t = useT('consultations');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ fn }: { key: string; fn: () => Promise<unknown>; then?: () => void; done?: string }) => fn(),
    onSuccess: (_r, v) => {
      void message.success(v.done ?? t('action.done'));
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      v.then?.();
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  return {
    /** Runs a step; `done` says what it did (the default is a plain "done"). */
    run: (key: string, fn: () => Promise<unknown>, then?: () => void, done?: string) => mutation.mutate({ key, fn, then, done }),
    busy: (key: string) => mutation.isPending && mutation.variables.key === key,
  };
}
