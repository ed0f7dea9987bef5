// Build-time constants injected by wxt.config.ts (vite `define`).
declare const __BUILD_KIND__: 'dev' | 'test' | 'release';
declare const __DEV_SERVER__: string;
