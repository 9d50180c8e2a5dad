// `npm run backup -- [--out <file>]` and `npm run restore -- <archive> [--force]`: the whole
// platform (database dump, uploads, a manifest with versions, counts and checksums) in one
// .tar.gz while the CMS serves, and back into an empty database. The command line and the
// work live in the CMS workspace (cms/scripts/backup/, README there), which the image carries
// as `baobab backup` / `baobab restore`.
import { main } from '../cms/scripts/backup/cli';

main(process.argv.slice(2));
