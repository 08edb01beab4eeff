// oclif's explicit command map: one command per file in this folder.
import Inspect from './inspect.js';
import DriverBuild from './driver/build.js';
import DriverLoad from './driver/load.js';
import DriverStatus from './driver/status.js';
import DriverUnload from './driver/unload.js';

export default {
  inspect: Inspect,
  // `sinspect driver build` etc.: package.json sets oclif's topicSeparator to a space
  'driver:build': DriverBuild,
  'driver:load': DriverLoad,
  'driver:unload': DriverUnload,
  'driver:status': DriverStatus,
};
