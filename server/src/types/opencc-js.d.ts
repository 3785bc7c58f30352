// opencc-js publishes its presets as package subpaths; declare the one we use.
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: 't' | 'tw' | 'twp' | 'hk' | 'jp'; to: 'cn' }): (text: string) => string;
}

declare module 'opencc-js/cn2t' {
  export function Converter(options: { from: 'cn'; to: 't' | 'tw' | 'twp' | 'hk' | 'jp' }): (text: string) => string;
}
