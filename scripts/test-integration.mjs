// Integration suite: our own clients against real servers on loopback ports (a JWKS host, the OAuth loopback
// listener, the local user pool), in plain Node. The unit suite binds no port; this one may.
import { runNodeSuite } from './lib.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await runNodeSuite('integration', 'integration');
