export { CONSOLE_PATHS, createConsole, withConsole } from './app.js';
export type { ConsoleDeps } from './context.js';
export { consoleLoginUrl } from './login-url.js';
