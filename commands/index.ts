// oclif's explicit command map: one command per file in this folder.
import Inspect from './inspect.js';

export default {
  inspect: Inspect,
};
