// `npm run rules:rebase`: one rules_rebased event per open dossier whose dates the rules published now would move.
import { loadConfigOrExit } from '@motcua/config';
import { printRebase, rebaseOpenDossiers } from './rules-rebase';

rebaseOpenDossiers(loadConfigOrExit('rules:rebase'))
  .then(printRebase)
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
