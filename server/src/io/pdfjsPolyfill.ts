// What pdf.js's modern build needs beyond Node 20: Promise.withResolvers (Node 22).
// Imported before pdf.js by pdfjsLib.ts; sets nothing where the runtime has it.

interface WithResolvers {
  withResolvers?<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
}

const P = Promise as unknown as WithResolvers;
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = function <T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
