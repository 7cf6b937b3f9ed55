export declare const serveJobs: (handle: (message: unknown, reply: (answer: unknown) => void) => void, end: () => void) => void
export declare const END_JOBS: 'end'
