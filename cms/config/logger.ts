// LOG_LEVEL (error, warn, info, http, debug); default http, which logs each request.
export default { level: process.env.LOG_LEVEL ?? 'http' };
