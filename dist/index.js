// The action's entry (action.yml: main: dist/index.js). The bundle is in dist/action/.
import './action/index.js';
