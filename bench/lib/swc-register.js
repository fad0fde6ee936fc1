// Moved to scripts/swc-register.js (also used by `npm run dev` and the CLI tests).
require('../../scripts/swc-register.js');
