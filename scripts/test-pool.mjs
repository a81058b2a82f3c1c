// Pool suite: the local user pool (cognito-local + our rotation layer) tested through the AWS SDK, in plain Node.
import { runNodeSuite } from './lib.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await runNodeSuite('pool', 'pool');
